// Umbrella header for the shared building blocks (each block has its own header next to this one).
#pragma once
// Encoder blocks (BERT family and other bidirectional encoders).
#include "models/blocks/activation.h"
#include "models/blocks/dense_head.h"
#include "models/blocks/embedding.h"
#include "models/blocks/encoder_attention.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/blocks/thread_split.h"
// Decoder blocks (LLaMA / GPT-2 families).
#include "models/blocks/causal_attention.h"
#include "models/blocks/decoder_heads.h"
#include "models/blocks/decoder_inputs.h"
#include "models/blocks/gated_mlp.h"
#include "models/blocks/kv_cache.h"
#include "models/blocks/last_token_pool.h"
#include "models/blocks/rms_norm.h"
#include "models/blocks/rotary_embedding.h"
#include "models/blocks/weight_precision.h"
