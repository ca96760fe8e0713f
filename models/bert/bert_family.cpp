#include "models/bert/bert_family.h"

#include "models/bert/bert_model.h"

namespace autoclass::models::bert {

std::unique_ptr<Model> create(const ModelRequest& request) { return std::make_unique<BertFamilyModel>(request); }

}  // namespace autoclass::models::bert
