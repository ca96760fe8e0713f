// The whole public API in one include: AutoConfig, AutoTokenizer, the Auto model classes.
#pragma once

#include "generated/tables/auto_classes.h"
#include "runtime/auto/auto_model.h"
#include "runtime/auto/model_files.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#include "runtime/auto/pretrained_tokenizer.h"
