import Foundation
import Mustache

/// The three templates a digest is rendered from: subject, text part and HTML part.
///
/// The built-in ones are the files shipped in `Config/templates/`; ops override any of them with a folder holding
/// `digest.subject.mustache`, `digest.text.mustache` and/or `digest.html.mustache`.
public struct DigestTemplates: Sendable {
    public var subject: MustacheTemplate
    public var text: MustacheTemplate
    public var html: MustacheTemplate

    /// File names in a templates folder, and the built-in source of each.
    public static let files: [(name: String, source: String)] = [
        ("digest.subject.mustache", builtInSubject), ("digest.text.mustache", builtInText),
        ("digest.html.mustache", builtInHTML),
    ]

    /// The built-in templates.
    public static let builtIn: DigestTemplates = {
        // The built-in sources are tested to parse; a failure here is a bug in this file.
        try! DigestTemplates(subject: builtInSubject, text: builtInText, html: builtInHTML)
    }()

    /// Parses three template sources.
    public init(subject: String, text: String, html: String) throws(TemplateError) {
        self.subject = try Self.parse(subject, name: "digest.subject.mustache")
        self.text = try Self.parse(text, name: "digest.text.mustache")
        self.html = try Self.parse(html, name: "digest.html.mustache")
    }

    /// The templates in `folder`, each missing file replaced by the built-in one.
    public static func load(folder: String) throws(TemplateError) -> DigestTemplates {
        var sources: [String] = []
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw TemplateError(file: folder, message: "templates folder not found")
        }
        for (name, builtIn) in files {
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw TemplateError(file: path, message: "cannot read the template")
                }
                sources.append(String(decoding: data, as: UTF8.self))
            } else {
                sources.append(builtIn)
            }
        }
        do {
            return try DigestTemplates(subject: sources[0], text: sources[1], html: sources[2])
        } catch {
            throw TemplateError(file: folder + "/" + error.file, message: error.message)
        }
    }

    private static func parse(_ source: String, name: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: source)
        } catch {
            throw TemplateError(file: name, message: "\(error)")
        }
    }

    static let builtInSubject = #"""
        {{% CONTENT_TYPE: TEXT}}
        [Earshot] {{count}} {{noun}}: {{watches}}
        """# + "\n"

    static let builtInText = #"""
        {{% CONTENT_TYPE: TEXT}}
        Hello {{name}},

        {{count}} new {{noun}} for you ({{summary}}).
        {{#items}}

        {{number}}. [{{watch}}] {{title}}
        {{#hasURL}}
           {{url}}
        {{/hasURL}}
           {{facts}}
           matched: {{terms}}
        {{#hasSnippet}}
           "{{snippet}}"
        {{/hasSnippet}}
        {{#overflow}}
           (sent to you because everyone whose expertise fits was at capacity)
        {{/overflow}}
        {{#unclaimed}}
           (sent to you because nobody's expertise fits this watch)
        {{/unclaimed}}
        {{/items}}

        -- 
        Earshot{{#hasExpertise}} · your expertise: {{expertise}}{{/hasExpertise}}
        """# + "\n"

    static let builtInHTML = #"""
        {{% CONTENT_TYPE: HTML}}
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family: sans-serif; line-height: 1.4">
        <p>Hello {{name}},</p>
        <p>{{count}} new {{noun}} for you ({{summary}}).</p>
        <ol>
        {{#items}}
        <li>
        <p><strong>[{{watch}}]</strong> {{#hasLink}}<a href="{{url}}">{{title}}</a>{{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}}<br>
        <small>{{facts}} · matched: {{terms}}</small></p>
        {{#hasSnippet}}
        <blockquote>{{snippet}}</blockquote>
        {{/hasSnippet}}
        {{#overflow}}
        <p><em>Sent to you because everyone whose expertise fits was at capacity.</em></p>
        {{/overflow}}
        {{#unclaimed}}
        <p><em>Sent to you because nobody's expertise fits this watch.</em></p>
        {{/unclaimed}}
        </li>
        {{/items}}
        </ol>
        <p>-- <br>Earshot{{#hasExpertise}} · your expertise: {{expertise}}{{/hasExpertise}}</p>
        </body>
        </html>
        """# + "\n"
}

/// A template that does not parse, naming its file.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
