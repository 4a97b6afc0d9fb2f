#include "fraudgen/rides/ride_span_store.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace fraudgen {

static_assert(std::is_trivially_copyable_v<RideLabel> && std::is_trivially_copyable_v<DriverSession>);

RideSpanStore::RideSpanStore(const std::filesystem::path& spill_dir) {
  if (!spill_dir.empty()) file_ = std::make_unique<ScratchFile>(spill_dir);
}

void RideSpanStore::put(uint64_t block, std::span<const RideLabel> labels, std::span<const DriverSession> sessions) {
  Kept& k = blocks_.at(block);
  if (k.kept) throw std::logic_error("a ride block's span was kept twice");
  std::string bytes(labels.size_bytes() + sessions.size_bytes(), '\0');
  if (!labels.empty()) std::memcpy(bytes.data(), labels.data(), labels.size_bytes());
  if (!sessions.empty()) std::memcpy(bytes.data() + labels.size_bytes(), sessions.data(), sessions.size_bytes());
  k.labels = static_cast<uint32_t>(labels.size());
  k.sessions = static_cast<uint32_t>(sessions.size());
  if (file_) k.offset = file_->append(bytes.data(), bytes.size());
  else k.held = std::move(bytes);
  k.kept = true;
}

template <typename T>
void RideSpanStore::read(const Kept& k, size_t skip_bytes, uint32_t count, std::vector<T>& out) const {
  const size_t first = out.size(), bytes = count * sizeof(T);
  out.resize(first + count);
  if (bytes == 0) return;
  if (file_) file_->read(k.offset + skip_bytes, out.data() + first, bytes);
  else std::memcpy(out.data() + first, k.held.data() + skip_bytes, bytes);
}

bool RideSpanStore::labels(uint64_t block, std::vector<RideLabel>& out) const {
  if (block >= blocks_.size() || !blocks_[block].kept) return false;
  read(blocks_[block], 0, blocks_[block].labels, out);
  return true;
}

bool RideSpanStore::sessions(uint64_t block, std::vector<DriverSession>& out) const {
  if (block >= blocks_.size() || !blocks_[block].kept) return false;
  read(blocks_[block], blocks_[block].labels * sizeof(RideLabel), blocks_[block].sessions, out);
  return true;
}

double RideSpanStore::bytes_for(double rides, double fraud_rate) {
  return rides * (0.45 * sizeof(DriverSession) + 1.25 * fraud_rate * sizeof(RideLabel));
}

}  // namespace fraudgen
