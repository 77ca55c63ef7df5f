# SPDX-License-Identifier: GPL-3.0-or-later
# The layers of DESIGN.md are enforced by linking: core never sees a widget.
# syncstreamer_forbid_links(target dep...) fails the configure step when
# target links (directly or through an INTERFACE) one of the forbidden deps.
function(syncstreamer_forbid_links target)
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(ilinks ${target} INTERFACE_LINK_LIBRARIES)
    foreach(dep IN LISTS links ilinks)
        foreach(forbidden IN LISTS ARGN)
            string(REPLACE "Qt6::" "Qt::" forbidden_alias "${forbidden}")
            if(dep STREQUAL forbidden OR dep STREQUAL forbidden_alias)
                message(FATAL_ERROR "${target} must not link ${dep}: see DESIGN.md, Layout")
            endif()
        endforeach()
    endforeach()
endfunction()
