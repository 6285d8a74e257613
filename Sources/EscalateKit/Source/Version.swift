/// The version `escalate --version` prints, and SARIF reports as the tool's.
public let escalateVersion = "0.1.0"
