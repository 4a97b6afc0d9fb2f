#include "fraudgen/stream/kafka_sink.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "fraudgen/core/civil_time.h"
#include "fraudgen/schema/schema.h"

namespace fraudgen {
namespace {

// A property whose value must never appear in a message.
bool secret_property(const std::string& key) {
  for (const char* word : {"password", "secret", "sasl.jaas", "oauthbearer", "ssl.key", "token"})
    if (key.find(word) != std::string::npos) return true;
  return false;
}

// The customer id in a row's JSONL line: every table has one.
std::string_view customer_key(std::string_view payload) {
  constexpr std::string_view field = "\"customer_id\":\"";
  const size_t at = payload.find(field);
  if (at == std::string_view::npos) return {};
  const size_t begin = at + field.size();
  const size_t end = payload.find('"', begin);
  return end == std::string_view::npos ? std::string_view() : payload.substr(begin, end - begin);
}

}  // namespace

struct KafkaCallbacks {
  static void delivered(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* sink = static_cast<KafkaSink*>(opaque);
    if (m->err) sink->note_failure(std::string("delivery failed: ") + rd_kafka_err2str(m->err));
    else ++sink->delivered_;
  }
  static void error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    auto* sink = static_cast<KafkaSink*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
      char why[512];
      rd_kafka_fatal_error(rk, why, sizeof why);
      sink->note_failure(std::string("fatal producer error: ") + why);
      sink->fatal_ = true;
    } else if (sink->first_error_.empty() && err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
      sink->first_error_ = reason;  // librdkafka retries; kept to explain a later failure
    }
  }
};

std::vector<std::pair<std::string, std::string>> kafka_defaults(bool fast) {
  return {
      {"client.id", "fraudgen"},
      {"enable.idempotence", "true"},           // acks=all, ordered, no duplicate on retry
      {"compression.type", "lz4"},
      {"linger.ms", fast ? "50" : "5"},         // batches when fast, prompt when paced slowly
      {"queue.buffering.max.kbytes", "65536"},  // the producer's memory cap (librdkafka: 1 GiB)
      {"partitioner", "murmur2_random"},        // the Java client's key placement
  };
}

std::vector<std::pair<std::string, std::string>> read_kafka_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw KafkaConfigError("--kafka-config '" + path + "' cannot be read; accepted: a file of key=value lines");
  std::vector<std::pair<std::string, std::string>> props;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const size_t eq = line.find('=', start);
    if (eq == std::string::npos || eq == start)
      throw KafkaConfigError("--kafka-config " + path + ":" + std::to_string(n) + " is not key=value");
    std::string key = line.substr(start, eq - start);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    props.emplace_back(key, line.substr(eq + 1));
  }
  return props;
}

namespace {

// The producer's configuration: fraudgen's defaults, then the user's properties in order.
rd_kafka_conf_t* make_conf(const KafkaSettings& settings) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  auto set = [&](const std::string& key, const std::string& value) {
    const rd_kafka_conf_res_t r = rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err);
    if (r == RD_KAFKA_CONF_OK) return;
    rd_kafka_conf_destroy(conf);
    if (r == RD_KAFKA_CONF_UNKNOWN)
      throw KafkaConfigError("Kafka property '" + key + "' is unknown to librdkafka " + rd_kafka_version_str() +
                             "; accepted: the properties of its CONFIGURATION.md (producer and global; -X list shows them)");
    throw KafkaConfigError(secret_property(key) ? "Kafka property '" + key + "' has a value librdkafka refuses"
                                                : "Kafka property '" + key + "': " + err);
  };
  for (const auto& [k, v] : kafka_defaults(settings.fast)) set(k, v);
  for (const auto& [k, v] : settings.properties) set(k, v);
  return conf;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> effective_kafka_config(const KafkaSettings& settings) {
  rd_kafka_conf_t* conf = make_conf(settings);
  size_t n = 0;
  const char** dump = rd_kafka_conf_dump(conf, &n);
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i + 1 < n; i += 2) {
    const std::string key = dump[i];
    out.emplace_back(key, secret_property(key) ? "[redacted]" : dump[i + 1]);
  }
  rd_kafka_conf_dump_free(dump, n);
  // Topic properties given at the top level (partitioner, ...) live in the default topic conf.
  if (rd_kafka_topic_conf_t* topic = rd_kafka_conf_get_default_topic_conf(conf)) {
    dump = rd_kafka_topic_conf_dump(topic, &n);
    for (size_t i = 0; i + 1 < n; i += 2) {
      const std::string key = dump[i];  // shown with "topic.", the prefix -X takes to set it
      out.emplace_back("topic." + key, secret_property(key) ? "[redacted]" : dump[i + 1]);
    }
    rd_kafka_conf_dump_free(dump, n);
  }
  rd_kafka_conf_destroy(conf);
  return out;
}

void print_kafka_properties() { rd_kafka_conf_properties_show(stdout); }

KafkaSink::KafkaSink(const KafkaSettings& settings)
    : prefix_(settings.topic_prefix), flush_timeout_seconds_(settings.flush_timeout_seconds) {
  char err[512];
  rd_kafka_conf_t* conf = make_conf(settings);
  for (const auto& [k, v] : settings.properties)
    if (k == "bootstrap.servers" || k == "metadata.broker.list") bootstrap_ = v;
  if (bootstrap_.empty()) {
    rd_kafka_conf_destroy(conf);
    throw KafkaConfigError("--target kafka needs the brokers: --brokers HOST:PORT[,HOST:PORT...] (or -X bootstrap.servers=...)");
  }
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_dr_msg_cb(conf, KafkaCallbacks::delivered);
  rd_kafka_conf_set_error_cb(conf, KafkaCallbacks::error);
  rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);  // owns conf on success
  if (!rk_) {
    rd_kafka_conf_destroy(conf);
    throw KafkaConfigError(std::string("cannot create the Kafka producer: ") + err);
  }
  topics_.assign(kTableCount, "");
  handles_.assign(kTableCount, nullptr);
  for (Table t : settings.tables) {
    const auto i = static_cast<size_t>(t);
    topics_[i] = prefix_ + std::string(schema_of(t).name);
    handles_[i] = rd_kafka_topic_new(rk_, topics_[i].c_str(), nullptr);
    if (!handles_[i]) {
      const std::string why = rd_kafka_err2str(rd_kafka_last_error());
      for (rd_kafka_topic_t* h : handles_)
        if (h) rd_kafka_topic_destroy(h);
      rd_kafka_destroy(rk_);  // the destructor does not run for a constructor that throws
      throw KafkaConfigError("cannot use topic '" + topics_[i] + "': " + why);
    }
  }
}

KafkaSink::~KafkaSink() {
  for (rd_kafka_topic_t* t : handles_)
    if (t) rd_kafka_topic_destroy(t);
  if (rk_) rd_kafka_destroy(rk_);
}

void KafkaSink::connect(int timeout_ms) {
  const rd_kafka_metadata_t* md = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(rk_, 0, nullptr, &md, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    throw KafkaConfigError("no Kafka broker at " + bootstrap_ + " answered within " + std::to_string(timeout_ms / 1000) +
                           " s (" + rd_kafka_err2str(err) + "); check --brokers and that the cluster is up");
  rd_kafka_metadata_destroy(md);
}

void KafkaSink::note_failure(const std::string& why) {
  ++failed_;
  if (first_error_.empty() || first_error_.find("delivery failed") == std::string::npos) first_error_ = why;
}

void KafkaSink::send(const StreamEvent& event, std::string_view) {
  const std::string& topic = topics_[event.key.table];
  if (!handles_[event.key.table]) throw std::logic_error("the Kafka sink has no topic for " + std::string(schema_of(event.table()).name));
  const std::string_view key = customer_key(event.payload);
  char seq[24], when[40];
  const int seq_len = std::snprintf(seq, sizeof seq, "%llu", static_cast<unsigned long long>(event.seq));
  const char* when_end = write_timestamp_brt(when, event.key.time_ms);
  const std::string_view type = schema_of(event.table()).name;
  const std::string schema_version = std::to_string(kSchemaVersion);
  for (;;) {
    rd_kafka_headers_t* headers = rd_kafka_headers_new(4);
    rd_kafka_header_add(headers, "fraudgen-seq", -1, seq, seq_len);
    rd_kafka_header_add(headers, "fraudgen-type", -1, type.data(), static_cast<ssize_t>(type.size()));
    rd_kafka_header_add(headers, "fraudgen-event-time", -1, when, when_end - when);
    rd_kafka_header_add(headers, "fraudgen-schema", -1, schema_version.data(), static_cast<ssize_t>(schema_version.size()));
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_, RD_KAFKA_V_RKT(handles_[event.key.table]), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(event.payload.data()), event.payload.size()), RD_KAFKA_V_HEADERS(headers),
        RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;  // the message owns the headers now
    rd_kafka_headers_destroy(headers);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      note_failure(std::string("producing to ") + topic + " failed: " + rd_kafka_err2str(err));
      fatal_ = true;
      return;
    }
    // The queue is at its cap: wait for deliveries to make room (counted as lag), never drop.
    const auto start = std::chrono::steady_clock::now();
    rd_kafka_poll(rk_, 100);
    queue_full_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
    if (fatal_) return;
  }
  if (++since_poll_ >= 1000) {  // delivery reports, in bulk (flush() and idle waits poll too)
    since_poll_ = 0;
    rd_kafka_poll(rk_, 0);
  }
}

void KafkaSink::flush() { rd_kafka_poll(rk_, 0); }

std::string KafkaSink::progress() const {
  return "kafka " + std::to_string(delivered_.load()) + " acked, " + std::to_string(failed_.load()) + " failed";
}

void KafkaSink::finish() {
  const rd_kafka_resp_err_t err = rd_kafka_flush(rk_, static_cast<int>(flush_timeout_seconds_ * 1000));
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
    const int left = rd_kafka_outq_len(rk_);
    rd_kafka_purge(rk_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(rk_, 0);  // the purged messages' reports count them as failed
    if (left > 0 && first_error_.empty())
      first_error_ = std::to_string(left) + " messages were still undelivered after " +
                     std::to_string(static_cast<int>(flush_timeout_seconds_)) + " s (--kafka-flush-timeout)";
  }
}

}  // namespace fraudgen
