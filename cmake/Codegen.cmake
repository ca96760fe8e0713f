# Runs the generator (codegen/) over schemas/ whenever a schema or the generator changes.
# Output goes to ${PROJECT_BINARY_DIR}/generated, which is what gets compiled; the committed copy in
# ${PROJECT_SOURCE_DIR}/generated must equal it (test codegen.generated_is_fresh), and the target
# `update-generated` rewrites the committed copy. The generator writes only files whose content changed,
# so editing one schema recompiles one config.

set(AUTOCLASS_GEN_DIR "${PROJECT_BINARY_DIR}/generated")
file(GLOB AUTOCLASS_META_SCHEMAS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schemas/_*.json")

set(AUTOCLASS_GENERATED_CONFIG_SOURCES "")
foreach(type IN LISTS AUTOCLASS_COMPILED_CONFIG_TYPES)
  autoclass_ident(id "${type}")
  list(APPEND AUTOCLASS_GENERATED_CONFIG_SOURCES "${AUTOCLASS_GEN_DIR}/configs/${id}_config.cpp")
endforeach()
set(AUTOCLASS_GENERATED_TABLE_SOURCES
  "${AUTOCLASS_GEN_DIR}/tables/model_types.cpp"
  "${AUTOCLASS_GEN_DIR}/tables/auto_mappings.cpp"
  "${AUTOCLASS_GEN_DIR}/tables/kernel_families.cpp")

set(_all_outputs ${AUTOCLASS_GENERATED_TABLE_SOURCES}
  "${AUTOCLASS_GEN_DIR}/configs/pretrained_config_base.cpp" "${AUTOCLASS_GEN_DIR}/configs/pretrained_config_base.h")
foreach(type IN LISTS AUTOCLASS_ALL_TYPES)
  autoclass_ident(id "${type}")
  list(APPEND _all_outputs "${AUTOCLASS_GEN_DIR}/configs/${id}_config.cpp" "${AUTOCLASS_GEN_DIR}/configs/${id}_config.h")
endforeach()

add_custom_command(
  OUTPUT "${AUTOCLASS_GEN_DIR}/.stamp"
  BYPRODUCTS ${_all_outputs}
  COMMAND autoclass_codegen --schemas "${PROJECT_SOURCE_DIR}/schemas" --out "${AUTOCLASS_GEN_DIR}"
  COMMAND ${CMAKE_COMMAND} -E touch "${AUTOCLASS_GEN_DIR}/.stamp"
  DEPENDS autoclass_codegen ${AUTOCLASS_ALL_SCHEMAS} ${AUTOCLASS_META_SCHEMAS}
  COMMENT "Generating configs, Auto-class tables and docs from schemas/"
  VERBATIM)
add_custom_target(autoclass_generate DEPENDS "${AUTOCLASS_GEN_DIR}/.stamp")

add_custom_target(update-generated
  COMMAND autoclass_codegen --schemas "${PROJECT_SOURCE_DIR}/schemas" --out "${PROJECT_SOURCE_DIR}/generated" --prune
  DEPENDS autoclass_codegen
  COMMENT "Rewriting the committed generated/ from schemas/"
  VERBATIM)
