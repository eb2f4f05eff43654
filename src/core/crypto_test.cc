#include "core/crypto.h"

#include <gtest/gtest.h>

namespace gonghui {
namespace {

TEST(Sha256Base64, KnownVectors) {
  // FIPS 180-2 example "abc", and the empty string.
  EXPECT_EQ(Sha256Base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(Sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

}  // namespace
}  // namespace gonghui
