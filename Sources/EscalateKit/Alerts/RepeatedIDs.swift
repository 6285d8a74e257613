import Foundation

/// Finds the ids that occur more than once in a stream of many, keeping 8 bytes per id
/// whatever its length.
///
/// Each id is kept as a 64-bit hash. Two different ids with one hash both count as repeated,
/// which only sends them down the (exact) history path, so no id is ever merged with another;
/// an id counted once is certainly unique.
///
/// Unchecked `Sendable`: it is used by one thread at a time, the survey handing batches to a
/// serial queue and reading the result only after waiting for that queue.
final class RepeatedIDs: @unchecked Sendable {
  /// An open-addressing table of hashes; 0 marks an empty slot, so no hash is 0.
  private var slots: UnsafeMutablePointer<UInt64>
  private var capacity: Int
  private var count = 0
  /// How many ids have been counted, repeats included.
  private var total = 0
  /// Which 4 KiB pages of the table have been written to. The system hands the table out
  /// unmapped; a page read before it is written is mapped to the shared zero page and copied
  /// at the first write, and on a virtual machine each copy interrupts the other core, which
  /// cost more than all the inserts. So each page is written before it is read.
  private var written: [Bool] = []
  /// The hashes met more than once.
  private(set) var repeated: Set<UInt64> = []

  /// How many of the ids counted are of the repeated ones: the records that need a history.
  var repeatedRecords: Int { total - (count - repeated.count) }

  /// A table of `capacity` slots (a power of two). It is allocated zeroed by the system, so
  /// only the pages that ids land in take memory; it doubles past three-quarters full.
  init(capacity: Int = 1 << 21) {
    precondition(capacity > 0 && capacity & (capacity - 1) == 0, "capacity must be a power of two")
    self.capacity = capacity
    slots = calloc(capacity, MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
    written = Array(repeating: false, count: page(capacity - 1) + 1)
  }

  /// The page of memory slot `index` is on, counted from the table's first: by address, since
  /// the allocator need not start the table at a page.
  private func page(_ index: Int) -> Int {
    ((Int(bitPattern: UnsafeRawPointer(slots)) & 4095) + index * MemoryLayout<UInt64>.stride) >> 12
  }

  deinit { free(slots) }

  /// The same for every two ids that are the same workstream, as ``HistoryBuilder`` compares
  /// them: by Swift string equality, which is canonical equivalence, under which `Café` written
  /// with a combining accent is `Café` written with `é`, and the Kelvin sign is `K`. ASCII text
  /// is its own canonical form, so it takes FNV-1a over its bytes; other text takes FNV-1a over
  /// the bytes of its canonical composition (NFC), which is the same for equal strings.
  static func hash(_ id: String) -> UInt64 {
    var id = id
    return id.withUTF8 { hash(utf8: $0) }
  }

  /// ``hash(_:)`` of the id whose UTF-8 is `utf8`, read in place: the survey hashes every id of
  /// a run, and makes no string for one that is ASCII.
  static func hash(utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
    if let ascii = fnv(utf8, asciiOnly: true) { return nonZero(ascii) }
    return nonZero(
      fnv(String(decoding: utf8, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8, asciiOnly: false)!)
  }

  /// FNV-1a over `bytes`; nil when `asciiOnly` and they are not all ASCII.
  private static func fnv<Bytes: Collection<UInt8>>(_ bytes: Bytes, asciiOnly: Bool) -> UInt64? {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      if asciiOnly && byte >= 0x80 { return nil }
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
  }

  private static func nonZero(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

  /// Counts one occurrence of `id`.
  func insert(_ id: String) {
    insert(hashes: [Self.hash(id)])
  }

  /// Counts one occurrence of each id of which these are the ``hash(_:)``.
  func insert(hashes: [UInt64]) {
    total += hashes.count
    for hash in hashes where !place(hash) { repeated.insert(hash) }
  }

  /// Whether `id` was inserted more than once (or shares its hash with another id).
  func isRepeated(_ id: String) -> Bool {
    !repeated.isEmpty && repeated.contains(Self.hash(id))
  }

  /// Puts `hash` in the table; false when it was already there.
  private func place(_ hash: UInt64) -> Bool {
    var index = Int(truncatingIfNeeded: hash) & (capacity - 1)
    while true {
      if !written[page(index)] {
        // Still zero, since nothing was written to its page.
        slots[index] = 0
        written[page(index)] = true
      }
      if slots[index] == 0 { break }
      if slots[index] == hash { return false }
      index = (index + 1) & (capacity - 1)
    }
    slots[index] = hash
    count += 1
    if count * 4 > capacity * 3 { grow() }
    return true
  }

  private func grow() {
    let (old, oldCapacity) = (slots, capacity)
    capacity *= 2
    slots = calloc(capacity, MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
    written = Array(repeating: false, count: page(capacity - 1) + 1)
    count = 0
    for index in 0..<oldCapacity where old[index] != 0 { _ = place(old[index]) }
    free(old)
  }
}
