// SPDX-License-Identifier: GPL-3.0-or-later
#include "files/exportdialog.h"

#include "common/layoutcombobox.h"
#include "common/timetext.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {

// QSettings keys of what the dialog remembers between exports.
const QString kFormat = u"export/format"_s;
const QString kMerged = u"export/merged"_s;
const QString kLayout = u"export/layout"_s;
const QString kFolder = u"export/folder"_s;

bool isKnownExtension(const QString &suffix)
{
    for (FrameExporter::Format format : {FrameExporter::Format::TimeFrame,
                                         FrameExporter::Format::Csv, FrameExporter::Format::Json})
        if (suffix.compare(FrameExporter::extension(format), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

QString ExportDialog::defaultFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QDir().mkpath(documents))
        return documents;
    return QDir::homePath();
}

QString ExportDialog::withExtension(const QString &fileName, FrameExporter::Format format)
{
    const QString extension = FrameExporter::extension(format);
    const QFileInfo info(fileName);
    if (info.fileName().isEmpty() || info.suffix().compare(extension, Qt::CaseInsensitive) == 0)
        return fileName;
    if (isKnownExtension(info.suffix())) // another format's: replaced
        return fileName.left(fileName.size() - info.suffix().size()) + extension;
    return fileName + u'.' + extension;
}

ExportDialog::ExportDialog(int selectedCount, qint64 selectedFrom, qint64 selectedTo,
                           qint64 allFrom, qint64 allTo, QWidget *parent)
    : QDialog(parent)
    , m_selectedFrom(selectedFrom)
    , m_selectedTo(selectedTo)
{
    setWindowTitle(tr("Export Frames"));
    m_selected = new QRadioButton(tr("&Selected frames (%n)", "", selectedCount), this);
    m_range = new QRadioButton(tr("Time &range:"), this);
    m_from = new QDateTimeEdit(TimeText::toDateTime(allFrom), this);
    m_to = new QDateTimeEdit(TimeText::toDateTime(allTo), this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        // In the window's time zone, as the frame list shows the frames.
        edit->setTimeSpec(TimeText::toDateTime(allFrom).timeSpec());
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss.zzz '%1'"_s.arg(TimeText::zoneName(allFrom)));
        edit->setCalendarPopup(true);
    }
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_range);
    rangeRow->addWidget(m_from, 1);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(m_to, 1);

    m_perFrame = new QRadioButton(tr("One file &per frame into a folder"), this);
    m_merged =
        new QRadioButton(tr("One &merged file (channels joined, items in time order)"), this);
    m_format = new QComboBox(this);
    m_format->setObjectName(u"format"_s);
    m_format->addItem(tr("TimeFrame (.tf)"), int(FrameExporter::Format::TimeFrame));
    m_format->addItem(tr("CSV, one row per item (.csv)"), int(FrameExporter::Format::Csv));
    m_format->addItem(tr("JSON, as syncstreamer decode prints it (.json)"),
                      int(FrameExporter::Format::Json));
    m_layout = new LayoutComboBox(LayoutComboBox::Guess::NotOffered, this);
    m_layout->setObjectName(u"layout"_s);
    m_target = new QLineEdit(this);
    m_target->setObjectName(u"target"_s);
    m_target->setClearButtonEnabled(true);
    auto *browseButton = new QToolButton(this);
    browseButton->setText(tr("…"));
    browseButton->setAccessibleName(tr("Choose where to write"));
    browseButton->setToolTip(browseButton->accessibleName());
    connect(browseButton, &QToolButton::clicked, this, &ExportDialog::browse);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browseButton);

    auto *form = new QFormLayout;
    auto *formatLabel = new QLabel(tr("&Format:"), this);
    formatLabel->setBuddy(m_format);
    auto *layoutLabel = new QLabel(tr("Metadata la&yout:"), this);
    layoutLabel->setBuddy(m_layout);
    auto *targetLabel = new QLabel(tr("Wri&te to:"), this);
    targetLabel->setBuddy(m_target);
    form->addRow(formatLabel, m_format);
    form->addRow(layoutLabel, m_layout);
    form->addRow(targetLabel, targetRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Frames:"), this));
    layout->addWidget(m_selected);
    layout->addLayout(rangeRow);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(new QLabel(tr("Files:"), this));
    layout->addWidget(m_perFrame);
    layout->addWidget(m_merged);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    const QList<QWidget *> tabOrder {m_selected, m_range,      m_from,   m_to,
                                     m_perFrame, m_merged,     m_format, m_layout,
                                     m_target,   browseButton, m_buttons};
    for (qsizetype i = 1; i < tabOrder.size(); ++i)
        setTabOrder(tabOrder[i - 1], tabOrder[i]);

    auto *what = new QButtonGroup(this);
    what->addButton(m_selected);
    what->addButton(m_range);
    auto *files = new QButtonGroup(this);
    files->addButton(m_perFrame);
    files->addButton(m_merged);
    m_selected->setEnabled(selectedCount > 0);
    (selectedCount > 0 ? m_selected : m_range)->setChecked(true);
    m_perFrame->setObjectName(u"perFrame"_s);
    m_merged->setObjectName(u"merged"_s);
    m_selected->setObjectName(u"selected"_s);
    m_range->setObjectName(u"range"_s);

    // What the last export chose; a remembered folder that is gone falls back to Documents.
    const QSettings settings;
    m_format->setCurrentIndex(std::max(0, m_format->findData(settings.value(kFormat).toInt())));
    m_layout->setCurrentIndex(std::max(0, m_layout->findData(settings.value(kLayout).toInt())));
    // The remembered folder at once; whether it still exists (else Documents, created if
    // needed) is looked up off the GUI thread, and corrects the suggestion unless the user has
    // typed one meanwhile.
    const QString remembered = settings.value(kFolder).toString();
    m_folder = remembered.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
        : remembered;
    auto *lookup = new QFutureWatcher<QString>(this);
    connect(lookup, &QFutureWatcherBase::finished, this, [this, lookup] {
        lookup->deleteLater();
        const QString folder = lookup->result();
        if (folder == m_folder)
            return;
        const bool untouched = m_target->text() == m_suggested;
        m_folder = folder;
        if (untouched) {
            m_target->clear(); // suggested anew from the folder
            m_targetIsFile = false;
            updateTarget();
        }
    });
    lookup->setFuture(QtConcurrent::run([remembered] {
        return !remembered.isEmpty() && QFileInfo(remembered).isDir() ? remembered
                                                                      : defaultFolder();
    }));
    (settings.value(kMerged, false).toBool() ? m_merged : m_perFrame)->setChecked(true);
    updateTarget();
    for (QAbstractButton *button :
         {static_cast<QAbstractButton *>(m_selected), static_cast<QAbstractButton *>(m_range),
          static_cast<QAbstractButton *>(m_perFrame), static_cast<QAbstractButton *>(m_merged)})
        connect(button, &QAbstractButton::toggled, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateTarget);
    connect(m_merged, &QAbstractButton::toggled, this, &ExportDialog::updateTarget);
    connect(this, &QDialog::accepted, this, &ExportDialog::remember);
    connect(m_target, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    updateState();
}

bool ExportDialog::rangeChosen() const
{
    return m_range->isChecked();
}

FrameExporter::Options ExportDialog::options() const
{
    FrameExporter::Options options;
    options.format = FrameExporter::Format(m_format->currentData().toInt());
    options.mode =
        m_merged->isChecked() ? FrameExporter::Mode::Merged : FrameExporter::Mode::FilePerFrame;
    options.target = QDir::fromNativeSeparators(m_target->text().trimmed());
    if (options.mode == FrameExporter::Mode::Merged)
        options.target = withExtension(options.target, options.format);
    options.layout = TimeFrame::Layout(m_layout->currentData().toInt());
    if (rangeChosen()) {
        options.from = m_from->dateTime().toMSecsSinceEpoch();
        options.to = m_to->dateTime().toMSecsSinceEpoch();
    } else {
        options.from = m_selectedFrom;
        options.to = m_selectedTo;
    }
    return options;
}

void ExportDialog::updateState()
{
    // A range is cut out of frames: it makes one merged file.
    if (m_range->isChecked())
        m_merged->setChecked(true);
    m_perFrame->setEnabled(!m_range->isChecked());
    m_from->setEnabled(m_range->isChecked());
    m_to->setEnabled(m_range->isChecked());
    m_layout->setEnabled(FrameExporter::Format(m_format->currentData().toInt())
                         != FrameExporter::Format::Csv);
    const bool ok = !m_target->text().trimmed().isEmpty()
        && (!m_range->isChecked() || m_from->dateTime() < m_to->dateTime());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void ExportDialog::updateTarget()
{
    const auto format = FrameExporter::Format(m_format->currentData().toInt());
    const QString current = QDir::fromNativeSeparators(m_target->text().trimmed());
    QString target;
    if (!m_merged->isChecked()) {
        // Back from a file to its folder.
        target = current.isEmpty() ? m_folder
            : m_targetIsFile       ? QFileInfo(current).path()
                                   : current;
    } else if (current.isEmpty() || !m_targetIsFile) {
        const QString folder = current.isEmpty() ? m_folder : current;
        target = QDir(folder).filePath(u"frames-%1"_s.arg(m_selectedFrom));
    } else {
        target = current;
    }
    m_targetIsFile = m_merged->isChecked();
    if (m_targetIsFile)
        target = withExtension(target, format);
    m_target->setText(QDir::toNativeSeparators(target));
    m_suggested = m_target->text();
}

void ExportDialog::remember() const
{
    const FrameExporter::Options o = options();
    QSettings settings;
    settings.setValue(kFormat, int(o.format));
    settings.setValue(kLayout, int(o.layout));
    settings.setValue(kMerged, o.mode == FrameExporter::Mode::Merged);
    settings.setValue(kFolder,
                      o.mode == FrameExporter::Mode::Merged ? QFileInfo(o.target).absolutePath()
                                                            : o.target);
}

void ExportDialog::browse()
{
    const FrameExporter::Options o = options();
    QString chosen;
    if (o.mode == FrameExporter::Mode::FilePerFrame) {
        chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"), o.target);
    } else {
        const QString extension = FrameExporter::extension(o.format);
        chosen =
            QFileDialog::getSaveFileName(this, tr("Export to file"), o.target,
                                         tr("%1 files (*.%2)").arg(extension.toUpper(), extension));
        if (!chosen.isEmpty())
            chosen = withExtension(chosen, o.format);
    }
    if (!chosen.isEmpty())
        m_target->setText(QDir::toNativeSeparators(chosen));
}
