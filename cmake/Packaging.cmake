# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package: `cpack -G DEB` (or `cmake --build <dir> --target package`) in the build
# directory writes syncstreamer_<version>-<release>_<arch>.deb. Its Depends are computed by
# dpkg-shlibdeps (Debian package dpkg-dev) from the libraries the executable links, plus the Qt
# plugins nothing links. docs/PACKAGING.md describes the package and lintian's verdict.
set(syncstreamer_deb_release 1)
set(syncstreamer_deb_maintainer
    "SyncStreamer Desktop contributors <packages@syncstreamer.invalid>")

# /usr/share/doc/syncstreamer: DEP-5 copyright and the Debian changelog (compressed, without
# a timestamp in the gzip header).
set(SYNCSTREAMER_DEB_VERSION "${PROJECT_VERSION}-${syncstreamer_deb_release}")
set(SYNCSTREAMER_DEB_MAINTAINER "${syncstreamer_deb_maintainer}")
execute_process(COMMAND date -u -R -d "${SYNCSTREAMER_RELEASE_DATE} 12:00:00"
                OUTPUT_VARIABLE SYNCSTREAMER_DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE)
configure_file(${PROJECT_SOURCE_DIR}/packaging/debian/changelog.in
               ${PROJECT_BINARY_DIR}/packaging/changelog.Debian @ONLY)
find_program(SYNCSTREAMER_GZIP gzip)
if(SYNCSTREAMER_GZIP)
    add_custom_command(
        OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz
        COMMAND ${SYNCSTREAMER_GZIP} -9 -n -c ${PROJECT_BINARY_DIR}/packaging/changelog.Debian
                > ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz
        DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.Debian
        COMMENT "Compressing the Debian changelog")
    add_custom_target(syncstreamer_debian_changelog ALL
                      DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz)
    install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz
            DESTINATION ${SYNCSTREAMER_INSTALL_DOCDIR})
endif()
install(FILES ${PROJECT_SOURCE_DIR}/packaging/debian/copyright
        DESTINATION ${SYNCSTREAMER_INSTALL_DOCDIR})

# Maintainer scripts (daemon-reload, stop before removal) and the conffile list.
file(WRITE ${PROJECT_BINARY_DIR}/packaging/conffiles "/etc/default/syncstreamer\n")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "syncstreamer")
set(CPACK_PACKAGE_VENDOR "SyncStreamer Desktop contributors")
set(CPACK_PACKAGE_CONTACT "${syncstreamer_deb_maintainer}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "timestamped events in time frames, served on the LAN")
set(CPACK_PACKAGE_DESCRIPTION
    "SyncStreamer collects timestamped events that producers post over HTTP to
named channels, cuts them into fixed time frames, encodes every finished frame
in the binary TimeFrame format and serves the frames to clients on the local
network, who play them back in sync.

The desktop window lists the frames, plots the channels live and inspects
single frames; a web player is served to every browser on the network. The
package also holds a systemd service that runs the server without a window
(not enabled on installation).")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Install with DESTDIR, so that the install-time code sees the real prefix /usr.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")

set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_RELEASE "${syncstreamer_deb_release}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${syncstreamer_deb_maintainer}")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Libraries: computed by dpkg-shlibdeps. Plugins are loaded, not linked, so they are named:
# the platform plugins (xcb, offscreen) the window needs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
# The SVG icon engine, Wayland, and Qt's own German texts (app/translations.cpp loads qtbase_de).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-wayland, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "curl")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm
    ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
    ${PROJECT_BINARY_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
