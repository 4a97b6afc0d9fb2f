// librdkafka's mock Kafka cluster in a process of its own, for end-to-end tests: Debian packages
// no Kafka broker. Prints "BROKERS=host:port,..." on stdout, then serves until stdin closes.
//   kafka_mock_cluster [--brokers N] [--partitions P] [--topic NAME]... [--produce-errors K]
// --topic creates NAME with P partitions up front; --produce-errors answers the first K produce
// requests with retriable errors (leader moved, not enough replicas), which an idempotent
// producer must survive without losing or duplicating a message.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// The Kafka protocol's ApiKey of Produce requests (librdkafka keeps its enum in a private header).
constexpr int16_t kProduceApiKey = 0;

int main(int argc, char** argv) {
  int brokers = 1, partitions = 3, produce_errors = 0;
  std::vector<std::string> topics;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "kafka_mock_cluster: %s needs a value\n", arg.c_str());
      return 2;
    }
    if (arg == "--brokers") brokers = std::atoi(argv[++i]);
    else if (arg == "--partitions") partitions = std::atoi(argv[++i]);
    else if (arg == "--topic") topics.emplace_back(argv[++i]);
    else if (arg == "--produce-errors") produce_errors = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "kafka_mock_cluster: unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    std::fprintf(stderr, "kafka_mock_cluster: %s\n", err);
    return 1;
  }
  rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) {
    std::fprintf(stderr, "kafka_mock_cluster: cannot create the mock cluster\n");
    return 1;
  }
  for (const std::string& t : topics) {
    if (rd_kafka_mock_topic_create(mc, t.c_str(), partitions, 1) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::fprintf(stderr, "kafka_mock_cluster: cannot create topic %s\n", t.c_str());
      return 1;
    }
  }
  for (int k = 0; k < produce_errors; ++k)
    rd_kafka_mock_push_request_errors(mc, kProduceApiKey, 1,
                                      k % 2 ? RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS : RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  std::printf("BROKERS=%s\n", rd_kafka_mock_cluster_bootstraps(mc));
  std::fflush(stdout);
  char buf[256];
  while (std::fread(buf, 1, sizeof buf, stdin) > 0) {
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
