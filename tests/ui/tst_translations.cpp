// SPDX-License-Identifier: GPL-3.0-or-later
// Every .ts file is complete (no unfinished, vanished or obsolete entries), and the compiled
// German catalogue turns English source strings into German.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class tst_Translations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void germanCatalogueTranslates_data();
    void germanCatalogueTranslates();
};

void tst_Translations::complete_data()
{
    QTest::addColumn<QString>("fileName");
    const QDir dir(QStringLiteral(SYNCSTREAMER_TRANSLATIONS_DIR));
    const QStringList files = dir.entryList({u"*.ts"_s}, QDir::Files);
    QVERIFY2(!files.isEmpty(), "no .ts files");
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_Translations::complete()
{
    QFETCH(QString, fileName);
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QString text; // of the current translation, plural forms included
    bool inTranslation = false;
    int messages = 0;
    QStringList problems;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == u"name") {
                context = xml.readElementText();
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                ++messages;
                inTranslation = true;
                text.clear();
                const QStringView type = xml.attributes().value(u"type"_s);
                if (!type.isEmpty())
                    problems.append(type.toString() % u": "_s % context % u" / "_s % source);
            } else if (xml.name() == u"numerusform") {
                const QString form = xml.readElementText();
                if (form.isEmpty())
                    problems.append(u"empty plural form: "_s % context % u" / "_s % source);
                text += form;
            }
        } else if (xml.isCharacters() && inTranslation) {
            text += xml.text();
        } else if (xml.isEndElement() && xml.name() == u"translation") {
            inTranslation = false;
            if (text.trimmed().isEmpty())
                problems.append(u"empty: "_s % context % u" / "_s % source);
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void tst_Translations::germanCatalogueTranslates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("german");
    QTest::addRow("menu") << u"MainWindow"_s << u"&File"_s << u"&Datei"_s;
    QTest::addRow("settings") << u"SettingsDialog"_s << u"Settings"_s << u"Einstellungen"_s;
    QTest::addRow("export") << u"ExportDialog"_s << u"Export Frames"_s << u"Frames exportieren"_s;
}

void tst_Translations::germanCatalogueTranslates()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, german);
    QTranslator translator;
    QVERIFY(translator.load(u"syncstreamer_de"_s, QStringLiteral(SYNCSTREAMER_QM_DIR)));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()),
             german);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()),
             source);
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
