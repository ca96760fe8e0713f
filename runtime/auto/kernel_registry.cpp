// Lookups over generated/tables/kernel_families.cpp, which lives in this library because it refers to
// every compiled kernel family's create().
#include "runtime/config/registry.h"

namespace autoclass {

const KernelFamilyRow* find_kernel_family(std::string_view family) {
  for (const auto& row : generated::kernel_families())
    if (row.family == family) return &row;
  return nullptr;
}

}  // namespace autoclass
