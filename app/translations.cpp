// SPDX-License-Identifier: GPL-3.0-or-later
#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Loads the catalogue prefix_<language>.qm for the locale from directory and installs it.
bool installTranslator(QCoreApplication &app, const QLocale &locale, const QString &prefix,
                       const QString &directory)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, prefix, u"_"_s, directory)
        && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

QString translationsDirectory()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath()
                           + u"/../share/syncstreamer/translations"_s);
}

void installTranslations(QCoreApplication &app, const QLocale &locale)
{
    // Qt's strings (dialog buttons, context menus, the parser's "Usage:"), then the
    // application's, which take precedence where both translate the same text.
    installTranslator(app, locale, u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    installTranslator(app, locale, u"syncstreamer"_s, translationsDirectory());
}

QString languageArgument(const QStringList &arguments)
{
    // --lang de and --lang=de, and the single-dash forms the parser accepts as well; the last
    // one counts, as for the parser.
    QString value;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--"_s)
            break; // the rest are file names
        if ((argument == u"--lang"_s || argument == u"-lang"_s) && i + 1 < arguments.size())
            value = arguments.at(++i);
        else if (argument.startsWith(u"--lang="_s) || argument.startsWith(u"-lang="_s))
            value = argument.sliced(argument.indexOf(u'=') + 1);
    }
    value = value.toLower();
    return value == u"de"_s || value == u"en"_s ? value : QString();
}
