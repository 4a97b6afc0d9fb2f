// Events to Kafka through librdkafka: one topic per table (<prefix>customers, ...), key = the
// customer id (so each customer's events keep their order), value = the row as generate writes
// it in JSONL, headers fraudgen-seq, fraudgen-type, fraudgen-event-time and fraudgen-schema.
// Producer defaults for a generator (idempotent, lz4, batching, a capped queue, Java-compatible
// key placement) that any property given with -X or a config file overrides. A full queue is
// waited out, never dropped; delivery failures are counted and reported.
#pragma once
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "fraudgen/stream/event_sink.h"

struct rd_kafka_s;
struct rd_kafka_topic_s;

namespace fraudgen {

struct KafkaSettings {
  // Properties in the order given (config file lines, then -X); later ones win.
  std::vector<std::pair<std::string, std::string>> properties;
  std::string topic_prefix = "fraudgen.";
  double flush_timeout_seconds = 30;
  bool fast = true;  // unpaced or high rate: linger.ms 50 instead of 5
  // The tables the stream sends: a topic each, and no handle (so no metadata asked) for the rest.
  std::vector<Table> tables{std::begin(kBankTables), std::end(kBankTables)};
};

// A property librdkafka does not know or whose value it refuses, no bootstrap.servers, or
// brokers that cannot be reached: the user's to fix (exit 2). Never holds a secret's value.
struct KafkaConfigError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// The properties fraudgen sets before the user's (shown by --help and the README).
std::vector<std::pair<std::string, std::string>> kafka_defaults(bool fast);

// Reads `key=value` lines ('#' starts a comment line); KafkaConfigError on a malformed line.
std::vector<std::pair<std::string, std::string>> read_kafka_config_file(const std::string& path);

// The configuration the producer would get (-X dump): every property librdkafka holds, the topic
// ones prefixed "topic." (as -X sets them), secrets shown as [redacted]. KafkaConfigError as the producer would raise it.
std::vector<std::pair<std::string, std::string>> effective_kafka_config(const KafkaSettings& settings);
// librdkafka's table of properties (-X list), on stdout.
void print_kafka_properties();

class KafkaSink final : public EventSink {
 public:
  explicit KafkaSink(const KafkaSettings& settings);
  ~KafkaSink() override;
  KafkaSink(const KafkaSink&) = delete;
  KafkaSink& operator=(const KafkaSink&) = delete;

  // Asks the cluster for its metadata; KafkaConfigError when no broker answers in time.
  void connect(int timeout_ms);
  void send(const StreamEvent& event, std::string_view line) override;
  void flush() override;
  void finish() override;
  bool closed() const override { return fatal_; }
  std::string progress() const override;

  uint64_t delivered() const { return delivered_; }
  uint64_t failed() const { return failed_; }  // delivery failures, and what flush left undelivered
  double queue_full_seconds() const { return queue_full_ns_ / 1e9; }
  const std::string& first_error() const { return first_error_; }
  std::string bootstrap_servers() const { return bootstrap_; }

 private:
  friend struct KafkaCallbacks;
  void note_failure(const std::string& why);

  rd_kafka_s* rk_ = nullptr;
  std::string prefix_, bootstrap_;
  double flush_timeout_seconds_;
  std::vector<std::string> topics_;         // names, by table ("" for a table not sent)
  std::vector<rd_kafka_topic_s*> handles_;  // by table (null for a table not sent): no lookup by name per message
  uint64_t since_poll_ = 0;
  std::atomic<uint64_t> delivered_{0}, failed_{0};
  int64_t queue_full_ns_ = 0;
  std::string first_error_;
  std::atomic<bool> fatal_{false};
};

}  // namespace fraudgen
