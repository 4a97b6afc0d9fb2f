// Cross-table checks within one block of customers. A block's customers, devices, transactions
// and fraud labels all belong to its customers, so the facts of one block suffice: memory
// depends on the block size, not on the dataset.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fraudgen/validate/check_context.h"
#include "fraudgen/validate/fraud_tally.h"

namespace fraudgen::validate {

class BlockChecker {
 public:
  explicit BlockChecker(const CheckContext& ctx) : ctx_(ctx) {}
  void add_customer(const RowRef& row);
  void add_device(const RowRef& row);
  void add_label(const RowRef& row);
  void check_transaction(const RowRef& row);
  // Labels left without their fraudulent transaction are violations; then forget the block.
  void finish_block();
  const FraudTally& tally() const { return tally_; }

 private:
  struct CustomerFacts { std::string state, income_class, profile, bank_ispb; };
  struct DeviceFacts { uint64_t customer; std::string first_use, emulator, vpn, ip_type; int64_t first_use_day; bool dated; };
  struct LabelFacts { std::string file; uint64_t row; std::vector<std::string> values; bool matched = false; };

  void check_device_of(const RowRef& row, uint64_t customer);
  void match_label(const RowRef& row);

  const CheckContext& ctx_;
  std::unordered_map<uint64_t, CustomerFacts> customers_;
  std::unordered_map<uint64_t, DeviceFacts> devices_;
  std::unordered_map<std::string, LabelFacts> labels_;
  std::unordered_set<uint64_t> transaction_ids_, scenario_ids_;  // hashes of the ids (64 bits: no collision in practice)
  FraudTally tally_;
};

}  // namespace fraudgen::validate
