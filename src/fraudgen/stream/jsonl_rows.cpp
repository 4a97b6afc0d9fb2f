#include "fraudgen/stream/jsonl_rows.h"

#include <stdexcept>

namespace fraudgen {

JsonlRows::JsonlRows() : encoder_(make_text_encoder({Format::Jsonl, Compression::None, 0, {}, {}})) {}

const std::vector<std::string_view>& JsonlRows::lines(const ColumnBatch& batch) {
  lines_.clear();
  if (batch.rows() == 0) return lines_;
  chunk_.clear();
  encoder_->begin_chunk(batch.schema());
  encoder_->add_rows(batch, 0, batch.rows());
  encoder_->end_chunk(chunk_);
  std::string_view rest(chunk_.data(), chunk_.size());
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    lines_.push_back(rest.substr(0, end));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  if (lines_.size() != batch.rows()) throw std::logic_error("the JSONL encoder did not write one line per row");
  return lines_;
}

}  // namespace fraudgen
