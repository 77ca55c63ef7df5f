# SPDX-License-Identifier: GPL-3.0-or-later
# The layers of DESIGN.md are enforced by the build: core never sees a widget, and inside the
# core the format never sees the engine, nor the engine the server.

# syncstreamer_add_layer(target layer) makes the static library of core/<layer>. Its headers
# are reached as "<layer>/<header>.h" through an include directory that holds that one layer
# (a link to core/<layer>), passed on to whatever links the library. A library therefore sees
# the headers of the layers it links and no others: an include of a higher layer's header is
# a compile error ("No such file or directory").
function(syncstreamer_add_layer target layer)
    add_library(${target} STATIC)
    set(dir "${PROJECT_BINARY_DIR}/layers/${layer}")
    file(MAKE_DIRECTORY "${dir}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/core/${layer}" "${dir}/${layer}" SYMBOLIC)
    target_include_directories(${target} PUBLIC "${dir}")
endfunction()

# The names a link list entry may have: Qt6::X and Qt::X are one library, and a static
# library's private links appear as $<LINK_ONLY:x> in its interface.
function(_syncstreamer_link_names target out)
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(ilinks ${target} INTERFACE_LINK_LIBRARIES)
    set(names)
    foreach(dep IN LISTS links ilinks)
        if(dep MATCHES "^\\$<LINK_ONLY:(.*)>$")
            set(dep "${CMAKE_MATCH_1}")
        endif()
        string(REPLACE "Qt6::" "Qt::" dep "${dep}")
        # "::@(...)" marks where a link was made from another directory: not a library.
        if(dep AND NOT dep MATCHES "-NOTFOUND$" AND NOT dep MATCHES "^::@")
            list(APPEND names "${dep}")
        endif()
    endforeach()
    set(${out} "${names}" PARENT_SCOPE)
endfunction()

# syncstreamer_forbid_links(target dep...) fails the configure step when target links
# (directly or through its interface) one of the forbidden deps.
function(syncstreamer_forbid_links target)
    _syncstreamer_link_names(${target} names)
    foreach(forbidden IN LISTS ARGN)
        string(REPLACE "Qt6::" "Qt::" forbidden "${forbidden}")
        if(forbidden IN_LIST names)
            message(FATAL_ERROR "${target} must not link ${forbidden}: see DESIGN.md, Layout")
        endif()
    endforeach()
endfunction()

# syncstreamer_only_links(target dep...) fails the configure step when target links anything
# but the deps named: a layer links the layer below it and the Qt modules it is allowed.
function(syncstreamer_only_links target)
    _syncstreamer_link_names(${target} names)
    set(allowed)
    foreach(dep IN LISTS ARGN)
        string(REPLACE "Qt6::" "Qt::" dep "${dep}")
        list(APPEND allowed "${dep}")
    endforeach()
    foreach(dep IN LISTS names)
        if(NOT dep IN_LIST allowed)
            message(FATAL_ERROR "${target} must not link ${dep} (it may link ${ARGN}): "
                "see DESIGN.md, Layout")
        endif()
    endforeach()
endfunction()
