// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

// Where the application's .qm files are read from: share/syncstreamer/translations next to the
// directory of the executable, the same in the build tree (build/bin, build/share) and installed
// (/usr/bin, /usr/share).
QString translationsDirectory();

// Installs Qt's own translations (qtbase_*.qm from Qt's translations directory) and the
// application's (syncstreamer_*.qm from translationsDirectory()) for the locale, where they
// exist; without them the texts stay English, the source language. The translators belong to
// the application object and go with it.
void installTranslations(QCoreApplication &app, const QLocale &locale);

// The value of --lang (de or en) in arguments, lower case; empty where --lang is not given or
// names no language the application has. The command-line parser checks the value itself; this
// only lets --help and the parser's messages come in the requested language.
QString languageArgument(const QStringList &arguments);
