import Testing

@testable import Settings

@Test(arguments: [
    ("90s", Duration.seconds(90)), ("10m", .seconds(600)), ("2h", .seconds(7_200)), ("1d", .seconds(86_400)),
    ("1h30m", .seconds(5_400)), ("500ms", .milliseconds(500)), ("1d2h3m4s5ms", .milliseconds(93_784_005)),
    ("0s", .zero), ("90d", .seconds(7_776_000)),
])
func parsesDuration(_ text: String, _ expected: Duration) {
    #expect(DurationParser.parse(text) == expected)
}

@Test(arguments: [
    "", "10", "m", "1.5h", "-1s", "10 m", " 10m", "10M", "1m1h", "1h1h", "10x", "1w", "1sms",
    "99999999999999999999s",
])
func rejectsDuration(_ text: String) {
    #expect(DurationParser.parse(text) == nil)
}

@Test(arguments: [
    (Duration.seconds(5_400), "1h30m"), (.milliseconds(500), "500ms"), (.zero, "0s"), (.seconds(86_400), "1d"),
    (.milliseconds(90_001), "1m30s1ms"), (.seconds(-90), "-1m30s"),
])
func formatsDuration(_ duration: Duration, _ expected: String) {
    #expect(DurationParser.format(duration) == expected)
    if duration >= .zero { #expect(DurationParser.parse(expected) == duration) }
}

@Test(arguments: [
    ("15MiB", 15_728_640), ("15mib", 15_728_640), ("512", 512), ("512B", 512), ("1 KB", 1_000), ("1KiB", 1_024),
    ("3MB", 3_000_000), ("2GB", 2_000_000_000), ("1GiB", 1_073_741_824),
])
func parsesByteSize(_ text: String, _ expected: Int) {
    #expect(ByteSizeParser.parse(text) == expected)
}

@Test(arguments: ["", "MiB", "1.5MiB", "-1", "15 ", "15  MiB", "15TB", "15 parsecs", "99999999999999999999GiB"])
func rejectsByteSize(_ text: String) {
    #expect(ByteSizeParser.parse(text) == nil)
}

@Test func formatsByteSize() {
    #expect(ByteSizeParser.format(15_728_640) == "15MiB")
    #expect(ByteSizeParser.format(1_000) == "1000B")
    #expect(ByteSizeParser.format(2_048) == "2KiB")
    #expect(ByteSizeParser.format(0) == "0B")
}

@Test func suggestsCloseKeys() {
    #expect(Suggestion.closest(to: "intervall", in: ["id", "url", "interval", "kind"]) == "interval")
    #expect(Suggestion.closest(to: "colour", in: ["id", "url"]) == nil)
    #expect(Suggestion.editDistance("kitten", "sitting") == 3)
}
