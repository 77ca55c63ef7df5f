// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace's tree of panes: walking it, splitting and closing panes, and its layout as JSON.
#include "charts/workspace/workspace.h"

#include "charts/data/seriesstore.h"
#include "charts/timechartview.h"
#include "common/timetext.h"
#include "format/contenttype.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

QString orientationName(Qt::Orientation o)
{
    return o == Qt::Horizontal ? u"horizontal"_s : u"vertical"_s;
}

} // namespace

QList<PlotPane *> Workspace::panes() const
{
    // In layout order: depth first through the splitters.
    QList<PlotPane *> out;
    std::function<void(QWidget *)> walk = [&](QWidget *w) {
        if (auto *pane = qobject_cast<PlotPane *>(w)) {
            out.append(pane);
        } else if (auto *split = qobject_cast<QSplitter *>(w)) {
            for (int i = 0; i < split->count(); ++i)
                walk(split->widget(i));
        }
    };
    walk(m_root);
    return out;
}

PlotPane *Workspace::currentPane() const
{
    const QList<PlotPane *> all = panes();
    return all.contains(m_current) ? m_current : all.value(0);
}

PlotPane *Workspace::splitPane(PlotPane *besides, Qt::Orientation orientation)
{
    if (!besides)
        besides = currentPane();
    auto *parent = qobject_cast<QSplitter *>(besides->parentWidget());
    PlotPane *pane = createPane();
    const int index = parent->indexOf(besides);
    if (parent->count() == 1 || parent->orientation() == orientation) {
        parent->setOrientation(orientation);
        parent->insertWidget(index + 1, pane);
    } else {
        auto *split = new QSplitter(orientation);
        split->setChildrenCollapsible(false);
        parent->replaceWidget(index, split);
        split->addWidget(besides);
        split->addWidget(pane);
    }
    // Equal room for the panes of that splitter.
    auto *owner = qobject_cast<QSplitter *>(pane->parentWidget());
    owner->setSizes(QList<int>(owner->count(), 1000));
    m_current = pane;
    Q_EMIT keysChanged();
    return pane;
}

void Workspace::removePane(PlotPane *pane)
{
    const QList<PlotPane *> all = panes();
    if (!all.contains(pane))
        return;
    if (all.size() == 1) {
        for (const QString &key : pane->keys())
            pane->removeSeries(key);
        return;
    }
    auto *parent = qobject_cast<QSplitter *>(pane->parentWidget());
    pane->hide();
    pane->setParent(nullptr);
    pane->deleteLater();
    // A splitter left with one widget gives it back to its own parent.
    while (parent != m_root && parent->count() == 1) {
        auto *grand = qobject_cast<QSplitter *>(parent->parentWidget());
        grand->replaceWidget(grand->indexOf(parent), parent->widget(0));
        parent->deleteLater();
        parent = grand;
    }
    if (m_current == pane)
        m_current = nullptr;
    updateReadout();
    Q_EMIT keysChanged();
}

QJsonObject Workspace::toJson(QWidget *node) const
{
    if (auto *pane = qobject_cast<PlotPane *>(node)) {
        QJsonArray series;
        for (const PlotPane::Entry &e : pane->entries())
            series.append(QJsonObject {{u"channel"_s, Series::channelOfKey(e.key)},
                                       {u"field"_s, Series::pathOfKey(e.key)},
                                       {u"axis"_s, e.right ? u"right"_s : u"left"_s}});
        return {{u"series"_s, series}};
    }
    auto *split = qobject_cast<QSplitter *>(node);
    QJsonArray children;
    QJsonArray sizes;
    for (int i = 0; i < split->count(); ++i)
        children.append(toJson(split->widget(i)));
    for (int size : split->sizes())
        sizes.append(size);
    return {{u"split"_s, orientationName(split->orientation())},
            {u"sizes"_s, sizes},
            {u"children"_s, children}};
}

QJsonObject Workspace::toJson() const
{
    return toJson(m_root);
}

QWidget *Workspace::fromJson(const QJsonObject &node, QStringList &missing,
                             const QSet<QString> &knownKeys)
{
    if (!node.contains(u"split"_s)) {
        PlotPane *pane = createPane();
        for (const QJsonValue &v : node.value(u"series"_s).toArray()) {
            const QJsonObject s = v.toObject();
            const QString key =
                Series::key(s.value(u"channel"_s).toString(), s.value(u"field"_s).toString());
            if (!knownKeys.contains(key))
                missing.append(m_labeler(key));
            pane->addSeries(key, s.value(u"axis"_s).toString() == "right"_L1);
        }
        return pane;
    }
    auto *split = new QSplitter(
        node.value(u"split"_s).toString() == "horizontal"_L1 ? Qt::Horizontal : Qt::Vertical);
    split->setChildrenCollapsible(false);
    for (const QJsonValue &child : node.value(u"children"_s).toArray())
        split->addWidget(fromJson(child.toObject(), missing, knownKeys));
    if (split->count() == 0)
        split->addWidget(createPane());
    QList<int> sizes;
    for (const QJsonValue &size : node.value(u"sizes"_s).toArray())
        sizes.append(std::max(size.toInt(), 1));
    if (sizes.size() == split->count())
        split->setSizes(sizes);
    return split;
}

QStringList Workspace::fromJson(const QJsonObject &layout, const QSet<QString> &knownKeys)
{
    QStringList missing;
    m_current = nullptr;
    QWidget *tree = fromJson(layout, missing, knownKeys);
    auto *root = qobject_cast<QSplitter *>(tree);
    if (!root) {
        root = new QSplitter(Qt::Vertical);
        root->addWidget(tree);
    }
    root->setObjectName(u"paneSplitter"_s);
    delete m_plotsLayout->replaceWidget(m_root, root); // the old item is ours to delete
    m_root->hide();
    m_root->deleteLater();
    m_root = root;
    m_current = panes().value(0);
    updateReadout();
    Q_EMIT keysChanged();
    for (int which = 0; which < 3; ++which)
        requestLookups(which);
    return missing;
}
