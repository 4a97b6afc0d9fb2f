#include "fraudgen/rides/rider_store.h"

#include <stdexcept>

namespace fraudgen {

RiderStore::RiderStore(uint32_t cities, const std::filesystem::path& folder) : batches_(cities), sizes_(cities, 0) {
  if (!folder.empty()) file_ = std::make_unique<ScratchFile>(folder);
}

void RiderStore::add(std::vector<std::vector<StoredRider>>& by_city) {
  if (by_city.size() != batches_.size()) throw std::logic_error("riders added for another number of capitals");
  for (uint32_t c = 0; c < by_city.size(); ++c) {
    std::vector<StoredRider>& riders = by_city[c];
    if (riders.empty()) continue;
    Batch b{sizes_[c], riders.size(), 0};
    if (file_) {
      b.offset = file_->append(riders.data(), riders.size() * sizeof(StoredRider));
    } else {
      b.offset = held_.size();
      held_.emplace_back(riders.begin(), riders.end());  // exactly their size; `riders` keeps its room for the next batch
    }
    riders.clear();
    batches_[c].push_back(b);
    sizes_[c] += b.count;
    total_ += b.count;
  }
}

StoredRider RiderStore::at(uint32_t city, uint64_t k) const {
  if (k >= sizes_[city]) throw std::logic_error("a rider beyond the city's");
  const std::vector<Batch>& bs = batches_[city];
  // The last batch starting at or before k.
  const Batch& b = *(std::upper_bound(bs.begin(), bs.end(), k, [](uint64_t v, const Batch& x) { return v < x.first; }) - 1);
  if (!file_) return held_[b.offset][k - b.first];
  StoredRider r;
  file_->read(b.offset + (k - b.first) * sizeof(StoredRider), &r, sizeof r);
  return r;
}

}  // namespace fraudgen
