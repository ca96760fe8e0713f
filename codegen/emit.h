// The generator's emitters: each turns the validated SchemaSet into files of one kind.
#pragma once

#include <string>

#include "codegen/output_set.h"
#include "codegen/schema.h"

namespace autoclass::codegen {

// Bumped when the shape of generated code changes; runtime/config/registry.h checks it.
inline constexpr int kFormatVersion = 1;

void emit_configs(const SchemaSet& set, OutputSet& out);  // configs/<ident>_config.{h,cpp}, configs/pretrained_config_base.{h,cpp}
void emit_tables(const SchemaSet& set, OutputSet& out);   // tables/*.cpp
void emit_docs(const SchemaSet& set, OutputSet& out);     // docs/*.md

// Shared text helpers.
std::string cpp_banner(const std::string& source);  // "// GENERATED ... from <source> — do not edit." block
std::string md_banner(const std::string& source);
std::string cpp_string_literal(const std::string& s);
std::string cpp_value_literal(const FieldType& type, const Json& value);  // an expression of type.cpp_type()
std::string member_name(const std::string& field_name);                    // C++-safe member name

}  // namespace autoclass::codegen
