// libFuzzer harness: a district config as the services load it (DistrictConfig.load(yaml:source:), which
// load(path:) calls after reading the file): Yams' parser, the reader and the validator.
//
// Input: the YAML file's bytes; invalid UTF-8 is skipped, as load(path:) refuses it before parsing.
// A ConfigError is the expected answer to garbage.
// Oracles: a config that loads passes validate() (the same rules, on the built value) and finds each of its
// wards by code; a refusal names at least one problem.
import Foundation
import XungKich
import FuzzSupport

func load(_ yaml: String) -> Result<DistrictConfig, ConfigError> {
    do {
        return .success(try DistrictConfig.load(yaml: yaml, source: "fuzz.yaml"))
    } catch {
        return .failure(error)
    }
}

/// XK_FUZZ_PRINT=1 prints each input's outcome, for a look at what a seed or a finding does.
let verbose = ProcessInfo.processInfo.environment["XK_FUZZ_PRINT"] != nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let yaml = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let first = load(yaml)
    if verbose { print(first) }
    switch first {
    case .success(let config):
        do {
            try config.validate(source: "fuzz.yaml")
        } catch {
            fatalError("oracle: a config that loaded does not validate: \(error)")
        }
        check(!config.wards.isEmpty, "a config without wards loaded")
        for ward in config.wards { check(config.ward(code: ward.code) != nil, "ward \(ward.code) not found by its code") }
    case .failure(let error):
        check(!error.problems.isEmpty, "a ConfigError without problems")
    }
    return 0
}
