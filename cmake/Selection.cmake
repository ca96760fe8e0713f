# Reads schemas/ at configure time and decides what this build compiles in.
#   AUTOCLASS_ALL_SCHEMAS      every model schema file (schemas/<model_type>.json; files starting with _ are not models)
#   AUTOCLASS_SELECTED_TYPES   model types compiled in (AUTOCLASS_MODELS, or all)
#   AUTOCLASS_SELECTED_FAMILIES kernel families those types need
# and writes ${PROJECT_BINARY_DIR}/autoclass_selection.h with AUTOCLASS_HAS_MODEL_<ident> /
# AUTOCLASS_HAS_FAMILY_<family> macros that the generated tables test with #if.

file(GLOB AUTOCLASS_ALL_SCHEMAS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schemas/[!_]*.json")
list(SORT AUTOCLASS_ALL_SCHEMAS)

# model_type -> C identifier, the same rule as codegen (identifier_of in codegen/names.cpp).
function(autoclass_ident out type)
  string(REGEX REPLACE "[^A-Za-z0-9_]" "_" id "${type}")
  set(${out} "${id}" PARENT_SCOPE)
endfunction()

set(_all_types "")
foreach(schema IN LISTS AUTOCLASS_ALL_SCHEMAS)
  get_filename_component(type "${schema}" NAME_WE)
  # NAME_WE stops at the first dot; model types never contain one, but be exact anyway.
  get_filename_component(fname "${schema}" NAME)
  string(REGEX REPLACE "\\.json$" "" type "${fname}")
  list(APPEND _all_types "${type}")
endforeach()
set(AUTOCLASS_ALL_TYPES "${_all_types}")

if(AUTOCLASS_MODELS STREQUAL "all" OR AUTOCLASS_MODELS STREQUAL "")
  set(AUTOCLASS_SELECTED_TYPES "${_all_types}")
else()
  set(AUTOCLASS_SELECTED_TYPES "")
  foreach(type IN LISTS AUTOCLASS_MODELS)
    if(NOT type IN_LIST _all_types)
      message(FATAL_ERROR "AUTOCLASS_MODELS names '${type}', which has no schemas/${type}.json")
    endif()
    list(APPEND AUTOCLASS_SELECTED_TYPES "${type}")
  endforeach()
endif()

# A type that reuses another type's config class ("config_from") needs that schema compiled too.
set(AUTOCLASS_SELECTED_FAMILIES "")
set(AUTOCLASS_WITH_MEDIA OFF)  # ON below when a selected type with a kernel has an image processor / feature extractor
set(_closure "${AUTOCLASS_SELECTED_TYPES}")
foreach(type IN LISTS AUTOCLASS_SELECTED_TYPES)
  file(READ "${PROJECT_SOURCE_DIR}/schemas/${type}.json" _json)
  string(JSON _from ERROR_VARIABLE _err GET "${_json}" config_from)
  if(NOT _err AND _from AND NOT _from IN_LIST _closure)
    list(APPEND _closure "${_from}")
  endif()
  string(JSON _family ERROR_VARIABLE _err GET "${_json}" kernel family)
  if(NOT _err AND _family AND NOT _family STREQUAL "null")
    if(NOT _family IN_LIST AUTOCLASS_SELECTED_FAMILIES)
      list(APPEND AUTOCLASS_SELECTED_FAMILIES "${_family}")
    endif()
    # A runnable vision or audio type needs runtime/preprocess (and libpng, libjpeg, libsndfile).
    foreach(_pre image_processor feature_extractor)
      string(JSON _p ERROR_VARIABLE _perr GET "${_json}" ${_pre})
      if(NOT _perr AND _p AND NOT _p STREQUAL "null")
        set(AUTOCLASS_WITH_MEDIA ON)
      endif()
    endforeach()
  endif()
endforeach()
set(AUTOCLASS_COMPILED_CONFIG_TYPES "${_closure}")

set(_h "// Written by CMake (cmake/Selection.cmake) for this build: what AUTOCLASS_MODELS compiles in.\n#pragma once\n")
foreach(type IN LISTS AUTOCLASS_SELECTED_TYPES)
  autoclass_ident(id "${type}")
  string(APPEND _h "#define AUTOCLASS_HAS_MODEL_${id} 1\n")
endforeach()
foreach(type IN LISTS AUTOCLASS_COMPILED_CONFIG_TYPES)
  autoclass_ident(id "${type}")
  string(APPEND _h "#define AUTOCLASS_HAS_CONFIG_${id} 1\n")
endforeach()
foreach(family IN LISTS AUTOCLASS_SELECTED_FAMILIES)
  string(APPEND _h "#define AUTOCLASS_HAS_FAMILY_${family} 1\n")
endforeach()
if(AUTOCLASS_WITH_MEDIA)
  string(APPEND _h "#define AUTOCLASS_WITH_MEDIA 1\n")
endif()
string(JOIN ";" _sel_str ${AUTOCLASS_SELECTED_TYPES})
string(APPEND _h "#define AUTOCLASS_MODELS_SELECTION \"${AUTOCLASS_MODELS}\"\n")
file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/autoclass_selection.h" CONTENT "${_h}")

list(LENGTH AUTOCLASS_SELECTED_TYPES _n)
message(STATUS "autoclass: ${_n} model types compiled in; kernel families: ${AUTOCLASS_SELECTED_FAMILIES}; "
               "image/audio preprocessing: ${AUTOCLASS_WITH_MEDIA}")
