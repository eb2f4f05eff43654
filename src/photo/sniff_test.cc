#include <gtest/gtest.h>

#include <string>

#include "photo/photo.h"

namespace gonghui::photo {
namespace {

TEST(SniffImageType, ByTheBytesNotTheName) {
  EXPECT_EQ(SniffImageType(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10)), "image/jpeg");
  EXPECT_EQ(SniffImageType(std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16)), "image/png");
  EXPECT_EQ(SniffImageType(std::string("RIFF\x24\x00\x00\x00WEBPVP8 ", 16)), "image/webp");
}

TEST(SniffImageType, AnythingElseIsNoImage) {
  EXPECT_EQ(SniffImageType(""), "");
  EXPECT_EQ(SniffImageType("\xFF\xD8"), "") << "too short for JPEG";
  EXPECT_EQ(SniffImageType("GIF89a"), "");
  EXPECT_EQ(SniffImageType("%PDF-1.7"), "");
  EXPECT_EQ(SniffImageType("RIFF\x24\x00\x00\x00WAVE"), "") << "a RIFF that is not WebP";
  EXPECT_EQ(SniffImageType("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "");
}

}  // namespace
}  // namespace gonghui::photo
