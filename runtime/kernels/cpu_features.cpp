// Compiled without target flags: safe to call on any x86-64 (and returns false elsewhere).
#include "runtime/kernels/cpu_features.h"

namespace autoclass::kernels {

bool cpu_has_avx512() {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool ok = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                         __builtin_cpu_supports("fma");
  return ok;
#else
  return false;
#endif
}

bool cpu_has_avx512_bf16() {
#if defined(__x86_64__) && defined(__GNUC__) && __GNUC__ >= 12
  static const bool ok = cpu_has_avx512() && __builtin_cpu_supports("avx512bf16");
  return ok;
#else
  return false;
#endif
}

}  // namespace autoclass::kernels
