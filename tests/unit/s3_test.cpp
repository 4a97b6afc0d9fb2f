// The S3 pieces that need no server: URL parsing, key encoding, the credential chain, the part
// schedule, endpoint checks and the XML the API speaks. Requests against real server code are
// in tests/e2e/s3.test.mjs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "fraudgen/sink/s3/s3_client.h"
#include "fraudgen/sink/s3/s3_credentials.h"
#include "fraudgen/sink/s3/s3_destination.h"
#include "fraudgen/sink/s3/s3_location.h"
#include "fraudgen/sink/s3/s3_options.h"
#include "fraudgen/sink/s3/s3_xml.h"

using namespace fraudgen;
namespace fs = std::filesystem;

namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) {
    auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  };
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

fs::path write_temp(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / ("fraudgen-s3-test-" + name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST(S3Location, ParsesBucketAndPrefix) {
  S3Location a = parse_s3_location("s3://my-bucket/raw/2025/");
  EXPECT_EQ(a.scheme, "s3");
  EXPECT_EQ(a.bucket, "my-bucket");
  EXPECT_EQ(a.prefix, "raw/2025");
  EXPECT_EQ(a.key("transactions/part-00000.parquet"), "raw/2025/transactions/part-00000.parquet");
  EXPECT_EQ(a.url(), "s3://my-bucket/raw/2025");

  S3Location b = parse_s3_location("minio://data.lake");
  EXPECT_EQ(b.scheme, "minio");
  EXPECT_EQ(b.prefix, "");
  EXPECT_EQ(b.key("manifest.json"), "manifest.json");
  EXPECT_TRUE(is_object_store_url("minio://x"));
  EXPECT_FALSE(is_object_store_url("/tmp/s3://x"));
}

TEST(S3Location, RejectsBadBucketsAndPrefixes) {
  for (const char* bad : {"s3://", "s3://ab", "s3://Upper", "s3://under_score/x", "s3://-dash", "s3://a..b",
                          "s3://192.168.1.1/x", "gs://bucket/x", "s3://bucket//x", "s3://bucket/a/../b"}) {
    std::string why = error_of([&] { parse_s3_location(bad); });
    EXPECT_FALSE(why.empty()) << bad;
    EXPECT_NE(why.find("accepted"), std::string::npos) << why;
  }
}

TEST(S3Location, UriEncodingFollowsSigV4) {
  EXPECT_EQ(uri_encode("a b/c~d_e-f.g", true), "a%20b/c~d_e-f.g");
  EXPECT_EQ(uri_encode("a b/c", false), "a%20b%2Fc");
  EXPECT_EQ(uri_encode("ção+=&", false), "%C3%A7%C3%A3o%2B%3D%26");
}

TEST(S3Credentials, EnvironmentComesFirst) {
  auto c = resolve_credentials(fake_env({{"AWS_ACCESS_KEY_ID", "AK"}, {"AWS_SECRET_ACCESS_KEY", "SK"},
                                         {"AWS_SESSION_TOKEN", "TOK"}, {"MINIO_ROOT_USER", "mu"},
                                         {"MINIO_ROOT_PASSWORD", "mp"}}));
  EXPECT_EQ(c.access_key_id, "AK");
  EXPECT_EQ(c.secret_access_key, "SK");
  EXPECT_EQ(c.session_token, "TOK");
  auto m = resolve_credentials(fake_env({{"MINIO_ROOT_USER", "mu"}, {"MINIO_ROOT_PASSWORD", "mp"}}));
  EXPECT_EQ(m.access_key_id, "mu");
  EXPECT_EQ(m.secret_access_key, "mp");
  EXPECT_EQ(m.session_token, "");
}

TEST(S3Credentials, HalfSetPairIsAnErrorThatNamesNoValue) {
  std::string why = error_of([] { resolve_credentials(fake_env({{"AWS_ACCESS_KEY_ID", "AKIDSECRETISH"}})); });
  EXPECT_NE(why.find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos) << why;
  EXPECT_EQ(why.find("AKIDSECRETISH"), std::string::npos) << why;
}

TEST(S3Credentials, SharedFileProfiles) {
  fs::path file = write_temp("credentials", R"(# comment
[default]
aws_access_key_id = DEFAULTKEY
aws_secret_access_key = defaultsecret

[ci]
; another comment
aws_access_key_id=CIKEY
aws_secret_access_key=cisecret
aws_session_token = citoken
[broken]
aws_access_key_id = ONLYKEY
)");
  auto d = resolve_credentials(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", file.string()}}));
  EXPECT_EQ(d.access_key_id, "DEFAULTKEY");
  EXPECT_EQ(d.secret_access_key, "defaultsecret");
  auto ci = resolve_credentials(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", file.string()}, {"AWS_PROFILE", "ci"}}));
  EXPECT_EQ(ci.access_key_id, "CIKEY");
  EXPECT_EQ(ci.session_token, "citoken");
  std::string missing = error_of([&] {
    resolve_credentials(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", file.string()}, {"AWS_PROFILE", "nope"}}));
  });
  EXPECT_NE(missing.find("'nope'"), std::string::npos) << missing;
  std::string broken = error_of([&] {
    resolve_credentials(fake_env({{"AWS_SHARED_CREDENTIALS_FILE", file.string()}, {"AWS_PROFILE", "broken"}}));
  });
  EXPECT_NE(broken.find("lacks"), std::string::npos) << broken;
  EXPECT_EQ(broken.find("ONLYKEY"), std::string::npos) << broken;
  // $HOME/.aws/credentials when no file is named.
  fs::path home = fs::temp_directory_path() / "fraudgen-s3-test-home";
  fs::create_directories(home / ".aws");
  fs::copy_file(file, home / ".aws" / "credentials", fs::copy_options::overwrite_existing);
  EXPECT_EQ(resolve_credentials(fake_env({{"HOME", home.string()}})).access_key_id, "DEFAULTKEY");
  fs::remove_all(home);
  fs::remove(file);
}

TEST(S3Credentials, NothingFoundListsTheChain) {
  std::string why = error_of([] { resolve_credentials(fake_env({{"HOME", "/nonexistent-home"}})); });
  for (const char* name : {"AWS_ACCESS_KEY_ID", "MINIO_ROOT_USER", "~/.aws/credentials", "AWS_PROFILE"})
    EXPECT_NE(why.find(name), std::string::npos) << name << " missing from: " << why;
}

TEST(S3Options, PartSizeGrowsToStayUnderTenThousandParts) {
  const uint64_t base = 16ULL << 20;
  EXPECT_EQ(s3_part_size(base, 1), base);
  EXPECT_EQ(s3_part_size(base, 500), base);
  EXPECT_EQ(s3_part_size(base, 501), 2 * base);
  EXPECT_EQ(s3_part_size(base, 1001), 4 * base);
  EXPECT_EQ(s3_part_size(4ULL << 30, 501), kS3MaxPartSize);
  // 10,000 parts of a 5 MiB base hold more than S3's 5 TiB object limit.
  long double total = 0;
  for (int n = 1; n <= kS3MaxParts; ++n) total += static_cast<long double>(s3_part_size(kS3MinPartSize, n));
  EXPECT_GT(total, 5.0L * (1ULL << 40));
}

TEST(S3Options, EndpointsAreCheckedWithoutEchoingSecrets) {
  EXPECT_EQ(normalise_endpoint("http://127.0.0.1:9000/", "--s3-endpoint"), "http://127.0.0.1:9000");
  EXPECT_EQ(normalise_endpoint("https://s3.example.com", "--s3-endpoint"), "https://s3.example.com");
  for (const char* bad : {"127.0.0.1:9000", "ftp://host", "http://", "http://host/path", "http://host?x=1"})
    EXPECT_FALSE(error_of([&] { normalise_endpoint(bad, "--s3-endpoint"); }).empty()) << bad;
  std::string why = error_of([] { normalise_endpoint("http://user:hunter2@host", "MINIO_ENDPOINT"); });
  EXPECT_NE(why.find("MINIO_ENDPOINT"), std::string::npos);
  EXPECT_EQ(why.find("hunter2"), std::string::npos) << why;
}

TEST(S3Xml, ReadsElementsAndEntities) {
  const std::string body =
      "<ListBucketResult><Contents><Key>a&amp;b.parquet</Key></Contents><Contents><Key>x&#233;&#x41;</Key></Contents>"
      "<IsTruncated>true</IsTruncated></ListBucketResult>";
  size_t pos = 0;
  EXPECT_EQ(xml_text(body, "Key", &pos), "a&b.parquet");
  EXPECT_EQ(xml_text(body, "Key", &pos), "x\xC3\xA9" "A");
  xml_text(body, "Key", &pos);
  EXPECT_EQ(pos, std::string::npos);
  EXPECT_EQ(xml_text(body, "IsTruncated"), "true");
  EXPECT_EQ(xml_text(body, "Missing"), "");
  EXPECT_EQ(xml_escape("\"a\"<&>'"), "&quot;a&quot;&lt;&amp;&gt;&apos;");
}

TEST(S3Xml, BlocksKeepNestedElementsAndEntitiesForTheirFields) {
  // A key holding "&lt;" must decode once: from its own element, not again from the block's text.
  const std::string body =
      "<ListMultipartUploadsResult><UploadIdMarker>m</UploadIdMarker><Upload><Key>a&amp;lt;b</Key><UploadId>1</UploadId>"
      "</Upload><Upload><Key>c</Key><UploadId>2</UploadId></Upload></ListMultipartUploadsResult>";
  size_t pos = 0;
  const std::string_view first = xml_block(body, "Upload", &pos);
  EXPECT_EQ(first, "<Key>a&amp;lt;b</Key><UploadId>1</UploadId>");
  EXPECT_EQ(xml_text(first, "Key"), "a&lt;b");
  EXPECT_EQ(xml_text(xml_block(body, "Upload", &pos), "UploadId"), "2");
  EXPECT_TRUE(xml_block(body, "Upload", &pos).empty());
  EXPECT_EQ(pos, std::string::npos);
  EXPECT_TRUE(xml_block(body, "Upload", &pos).empty()) << "a finished scan stays finished";
}

TEST(S3Client, AddressingPathStyleForEndpointsVirtualHostedForAws) {
  S3Credentials creds{"k", "s", "", "test"};
  S3Options custom;
  custom.endpoint = "http://127.0.0.1:9000";
  EXPECT_EQ(S3Client(custom, creds, "bkt").url_for("a b/c.parquet", "uploads="),
            "http://127.0.0.1:9000/bkt/a%20b/c.parquet?uploads=");
  EXPECT_EQ(S3Client(custom, creds, "bkt").url_for("", "list-type=2"), "http://127.0.0.1:9000/bkt?list-type=2");
  S3Options aws;
  aws.region = "sa-east-1";
  EXPECT_EQ(S3Client(aws, creds, "bkt").url_for("k", ""), "https://bkt.s3.sa-east-1.amazonaws.com/k");
  EXPECT_EQ(S3Client(aws, creds, "my.bkt").url_for("k", ""), "https://s3.sa-east-1.amazonaws.com/my.bkt/k");
}

TEST(S3Destination, ContentTypesFollowTheFileName) {
  EXPECT_EQ(content_type_for("t/part-00000.parquet"), "application/vnd.apache.parquet");
  EXPECT_EQ(content_type_for("t/part-00000.jsonl"), "application/x-ndjson");
  EXPECT_EQ(content_type_for("t/part-00000.jsonl.gz"), "application/gzip");
  EXPECT_EQ(content_type_for("t/part-00000.csv.zst"), "application/zstd");
  EXPECT_EQ(content_type_for("manifest.json"), "application/json");
}
