// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(int selectedCount, qint64 selectedFrom, qint64 selectedTo,
                           qint64 allFrom, qint64 allTo, QWidget *parent)
    : QDialog(parent)
    , m_selectedFrom(selectedFrom)
    , m_selectedTo(selectedTo)
{
    setWindowTitle(tr("Export Frames"));
    m_selected = new QRadioButton(tr("&Selected frames (%n)", "", selectedCount), this);
    m_range = new QRadioButton(tr("Time &range:"), this);
    m_from = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(allFrom), this);
    m_to = new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(allTo), this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
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
    m_format->addItem(tr("TimeFrame (.tf)"), int(FrameExporter::Format::TimeFrame));
    m_format->addItem(tr("CSV, one row per item (.csv)"), int(FrameExporter::Format::Csv));
    m_format->addItem(tr("JSON, as syncstreamer decode prints it (.json)"),
                      int(FrameExporter::Format::Json));
    m_layout = new QComboBox(this);
    m_layout->addItem(tr("Documented (type size, id size, type, id)"),
                      int(TimeFrame::Layout::Documented));
    m_layout->addItem(tr("Reference (id size, type size, id, type)"),
                      int(TimeFrame::Layout::Reference));
    m_target = new QLineEdit(this);
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
    m_perFrame->setChecked(true);
    m_target->setText(QDir::toNativeSeparators(
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)));
    for (QAbstractButton *button :
         {static_cast<QAbstractButton *>(m_selected), static_cast<QAbstractButton *>(m_range),
          static_cast<QAbstractButton *>(m_perFrame), static_cast<QAbstractButton *>(m_merged)})
        connect(button, &QAbstractButton::toggled, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateState);
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

void ExportDialog::browse()
{
    const FrameExporter::Options o = options();
    QString chosen;
    if (o.mode == FrameExporter::Mode::FilePerFrame) {
        chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"), o.target);
    } else {
        const QString extension = FrameExporter::extension(o.format);
        QString suggestion = o.target;
        if (QFileInfo(suggestion).isDir())
            suggestion = QDir(suggestion).filePath(u"frames-%1.%2"_s.arg(o.from).arg(extension));
        chosen =
            QFileDialog::getSaveFileName(this, tr("Export to file"), suggestion,
                                         tr("%1 files (*.%2)").arg(extension.toUpper(), extension));
    }
    if (!chosen.isEmpty())
        m_target->setText(QDir::toNativeSeparators(chosen));
}
