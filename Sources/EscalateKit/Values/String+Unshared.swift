extension String {
  /// The same text in storage of its own.
  ///
  /// Every alert retains and releases the strings its record and rule share with all the
  /// others (the file's path, the rule's id, the evidence labels). When both cores do that to
  /// one string, its reference count moves between them on every alert, so each core's copy of
  /// the rules and each segment's records get strings of their own.
  var unshared: String { String(decoding: Array(utf8), as: UTF8.self) }
}
