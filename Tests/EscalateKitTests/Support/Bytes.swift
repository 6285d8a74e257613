/// UTF-8 of `text` with each `%` replaced by `patch`, for reader inputs that need invalid bytes.
func bytes(_ text: String, _ patch: [UInt8] = []) -> [UInt8] {
  text.utf8.flatMap { $0 == UInt8(ascii: "%") ? patch : [$0] }
}
