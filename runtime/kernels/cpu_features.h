// Runtime CPU dispatch for runtime/kernels: the AVX-512 code runs only when the CPU (and OS) support it,
// otherwise the portable OpenBLAS path is used, so one binary runs everywhere.
#pragma once

namespace autoclass::kernels {

// AVX-512 F/BW/VL/DQ + FMA available (checked once).
bool cpu_has_avx512();
// AVX512_BF16 (vdpbf16ps) available.
bool cpu_has_avx512_bf16();

}  // namespace autoclass::kernels
