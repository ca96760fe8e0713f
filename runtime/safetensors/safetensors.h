// Everything safetensors: reading one file or a sharded checkpoint, opening a checkpoint folder, writing.
#pragma once

#include "runtime/safetensors/checkpoint.h"
#include "runtime/safetensors/safetensors_file.h"
#include "runtime/safetensors/sharded_checkpoint.h"
#include "runtime/safetensors/writer.h"
