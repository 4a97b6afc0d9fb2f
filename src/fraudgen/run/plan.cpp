#include "fraudgen/run/plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fraudgen {

uint64_t block_customers_for(int64_t days) {
  return static_cast<uint64_t>(std::clamp<int64_t>(1460 / std::max<int64_t>(days, 1), 1, 1024));
}

SizeModel measure_size_model(const SimContext& ctx, const RunConfig& cfg) {
  // The pilot always uses the first 32 customers: deterministic, and enough transactions
  // (about 25,000 over a year) for a per-row byte cost within a percent or two.
  constexpr uint64_t kPilotCustomers = 32;
  BlockSimulator sim(ctx);
  auto encoder = make_text_encoder(cfg.format);
  Compressor compressor(cfg.compression, cfg.compression_level);
  const uint64_t step = block_customers_for(ctx.config().days());
  double bytes[3] = {0, 0, 0}, rows[3] = {0, 0, 0};
  for (uint64_t first = 0; first < kPilotCustomers; first += step) {
    sim.run({first, first + step}, true, true, true);
    for (Table t : kAllTables) {
      ByteBuffer out;
      encoder->encode_block(sim.batch(t), out);
      compressor.compress(out);
      bytes[static_cast<int>(t)] += static_cast<double>(out.size());
      rows[static_cast<int>(t)] += static_cast<double>(sim.batch(t).rows());
    }
  }
  SizeModel m;
  m.bytes_per_customer = bytes[0] / std::max(1.0, rows[0]);
  m.bytes_per_device = bytes[1] / std::max(1.0, rows[1]);
  m.bytes_per_transaction = bytes[2] / std::max(1.0, rows[2]);
  ByteBuffer header;
  encoder->file_header(schema_of(Table::Transactions), header);
  compressor.compress(header);
  m.header_bytes = static_cast<double>(header.size());
  return m;
}

Plan make_plan(const SimContext& ctx, const RunConfig& cfg) {
  Plan plan;
  plan.size_model = measure_size_model(ctx, cfg);
  const SizeModel& m = plan.size_model;
  plan.block_customers = block_customers_for(ctx.config().days());

  // Customers: exact when asked; otherwise add customers until their expected bytes reach
  // --size. Each customer's device and transaction counts are known without simulating them.
  double total = 0;
  std::array<double, 3> table_bytes{};
  auto add = [&](uint64_t i) {
    Customer c = make_customer(ctx, i);
    table_bytes[0] += m.bytes_per_customer;
    table_bytes[1] += m.bytes_per_device * c.device_count;
    table_bytes[2] += m.bytes_per_transaction * static_cast<double>(c.transaction_count);
    total = table_bytes[0] + table_bytes[1] + table_bytes[2];
  };
  if (cfg.customers) {
    plan.customers = *cfg.customers;
    for (uint64_t i = 0; i < plan.customers; ++i) add(i);
  } else {
    const double target = static_cast<double>(*cfg.size_bytes);
    while (total + 3 * m.header_bytes < target) add(plan.customers++);
    if (plan.customers == 0) plan.customers = 1;
  }
  plan.blocks = (plan.customers + plan.block_customers - 1) / plan.block_customers;

  const std::string ext = file_extension(cfg.format, cfg.compression);
  uint32_t ordinal = 0;
  for (Table t : kAllTables) {
    const size_t ti = static_cast<size_t>(t);
    double per_block = table_bytes[ti] / static_cast<double>(std::max<uint64_t>(plan.blocks, 1));
    uint64_t bpf = per_block > 0 ? static_cast<uint64_t>(std::llround(static_cast<double>(cfg.file_size) / per_block)) : plan.blocks;
    bpf = std::clamp<uint64_t>(bpf, 1, std::max<uint64_t>(plan.blocks, 1));
    plan.blocks_per_file[ti] = bpf;
    uint64_t files = std::max<uint64_t>(1, (plan.blocks + bpf - 1) / bpf);
    for (uint64_t f = 0; f < files; ++f, ++ordinal) {
      char name[32];
      std::snprintf(name, sizeof name, "part-%05llu", static_cast<unsigned long long>(f));
      plan.files.push_back({t, static_cast<uint32_t>(f), f * bpf, std::min(plan.blocks, (f + 1) * bpf),
                            std::string(schema_of(t).name) + "/" + name + ext, ordinal % cfg.shard_count == cfg.shard_index});
    }
  }
  plan.estimated_bytes = total + static_cast<double>(plan.files.size()) * m.header_bytes;
  return plan;
}

}  // namespace fraudgen
