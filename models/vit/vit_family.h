// Kernel family "vit": ViTModel / ViTForImageClassification.
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::vit {

std::unique_ptr<autoclass::Model> create(const autoclass::ModelRequest& request);

}  // namespace autoclass::models::vit
