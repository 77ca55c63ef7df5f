// SPDX-License-Identifier: GPL-3.0-or-later
// The chart panel's layout file: the workspace's panes and the shown window as JSON.
#include "charts/chartpanel.h"

#include "charts/history/overviewstrip.h"
#include "charts/seriestreemodel.h"
#include "charts/timechartview.h"
#include "charts/workspace/plotpane.h"
#include "charts/workspace/workspace.h"
#include "common/timetext.h"

#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

QJsonObject ChartPanel::layoutJson() const
{
    return {{u"version"_s, 1},
            {u"panes"_s, m_workspace->toJson()},
            {u"time"_s,
             QJsonObject {{u"follow"_s, m_request.follow},
                          {u"windowMs"_s, double(m_request.windowMs)},
                          {u"from"_s, double(m_request.from)},
                          {u"to"_s, double(m_request.to)}}},
            {u"filter"_s, m_filter->text()}};
}

QStringList ChartPanel::applyLayout(const QJsonObject &layout)
{
    m_defaultPending = false;
    const QStringList known = m_tree->allKeys();
    const QStringList missing = m_workspace->fromJson(layout.value(u"panes"_s).toObject(),
                                                      QSet<QString>(known.begin(), known.end()));
    m_filter->setText(layout.value(u"filter"_s).toString());
    const QJsonObject time = layout.value(u"time"_s).toObject();
    const qint64 windowMs = qint64(time.value(u"windowMs"_s).toDouble(double(m_request.windowMs)));
    if (m_window->findData(windowMs) >= 0) {
        m_request.windowMs = windowMs;
        m_windowChosen = true;
    }
    m_window->setCurrentIndex(std::max(0, m_window->findData(m_request.windowMs)));
    const qint64 from = qint64(time.value(u"from"_s).toDouble());
    const qint64 to = qint64(time.value(u"to"_s).toDouble());
    if (m_mode == Mode::Live && !time.value(u"follow"_s).toBool(true) && to > from)
        setManualRange(from, to);
    else
        resetView();
    for (PlotPane *pane : m_workspace->panes())
        pane->applyPalette();
    return missing;
}
