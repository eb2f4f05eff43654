#include "core/crypto.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

TEST(Sha256Base64, KnownVectors) {
  // FIPS 180-2 example "abc", and the empty string.
  EXPECT_EQ(Sha256Base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(Sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Sha256Hex, KnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Base64, RoundTripsAndRefusesWhatIsNotBase64) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("ab"), "YWI=");
  const std::string bytes("\0\xff\x10PDF", 6);
  EXPECT_EQ(FromBase64(Base64(bytes)), bytes);
  EXPECT_FALSE(FromBase64("YW*="));
}

}  // namespace
}  // namespace gonghui
