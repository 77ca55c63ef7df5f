// SPDX-License-Identifier: GPL-3.0-or-later
#include "display.h"

#include "options.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

class Display
{
    Q_DECLARE_TR_FUNCTIONS(Display)
};

} // namespace

bool displayAvailable(const QProcessEnvironment &environment, const LaunchOptions &options)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    // X11 and Wayland tell a client where the display is only through these variables; an
    // explicit platform (offscreen, vnc, eglfs...) needs neither.
    const auto isSet = [&](const QString &name) {
        return !environment.value(name).isEmpty();
    };
    return options.platformArgument || isSet(u"QT_QPA_PLATFORM"_s) || isSet(u"DISPLAY"_s)
        || isSet(u"WAYLAND_DISPLAY"_s);
#else
    Q_UNUSED(environment);
    Q_UNUSED(options);
    return true; // Windows and macOS always have a window system
#endif
}

QString noDisplayMessage()
{
    return Display::tr("syncstreamer: no display found (neither DISPLAY nor WAYLAND_DISPLAY nor "
                       "QT_QPA_PLATFORM is set), so the window cannot open.\n"
                       "Run 'syncstreamer --headless' to run the server without a window, or "
                       "'syncstreamer --help' for the commands that need no display.\n");
}
