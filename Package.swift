// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "escalate",
  products: [
    .library(name: "EscalateKit", targets: ["EscalateKit"]),
    .executable(name: "escalate", targets: ["escalate"]),
  ],
  targets: [
    .target(name: "EscalateKit"),
    .executableTarget(name: "escalate", dependencies: ["EscalateKit"]),
    .testTarget(
      name: "EscalateKitTests",
      dependencies: ["EscalateKit"],
      // Tests read fixtures and the repository's rules/ and docs/ through #filePath.
      exclude: ["Fixtures"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
