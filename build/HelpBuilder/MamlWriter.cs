using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace HelpBuilder;

/// <summary>
/// Writes cmdlet pages as one MAML file, laid out as PlatyPS's New-ExternalHelp writes it,
/// which is what Get-Help reads for a binary module ("&lt;Assembly&gt;.dll-Help.xml").
/// </summary>
internal static class MamlWriter
{
    private const string MshNamespace = "http://msh";
    private const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
    private const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

    private const string ExampleTitleRule = "--------------------------";

    public static void Write(string outputPath, IEnumerable<CmdletPage> pages)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        using var stream = File.Create(outputPath);
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", MshNamespace);
        xml.WriteAttributeString("schema", "maml");
        foreach (CmdletPage page in pages)
        {
            WriteCommand(xml, page);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCommand(XmlWriter xml, CmdletPage page)
    {
        xml.WriteStartElement("command", "command", CommandNamespace);
        xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
        xml.WriteAttributeString("xmlns", "command", null, CommandNamespace);
        xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);
        xml.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

        xml.WriteStartElement("command", "details", CommandNamespace);
        xml.WriteElementString("command", "name", CommandNamespace, page.Name);
        xml.WriteElementString("command", "verb", CommandNamespace, page.Verb);
        xml.WriteElementString("command", "noun", CommandNamespace, page.Noun);
        WriteParas(xml, "maml", "description", MamlNamespace, page.Synopsis);
        xml.WriteEndElement();

        WriteParas(xml, "maml", "description", MamlNamespace, page.Description);
        WriteSyntax(xml, page);
        WriteParameters(xml, page);
        WriteTypes(xml, "inputTypes", "inputType", page.Inputs);
        WriteTypes(xml, "returnValues", "returnValue", page.Outputs);
        WriteNotes(xml, page);
        WriteExamples(xml, page);
        WriteLinks(xml, page);

        xml.WriteEndElement();
    }

    private static void WriteSyntax(XmlWriter xml, CmdletPage page)
    {
        xml.WriteStartElement("command", "syntax", CommandNamespace);
        foreach (SyntaxSet set in page.ParameterSets)
        {
            xml.WriteStartElement("command", "syntaxItem", CommandNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, page.Name);

            // As Get-Command -Syntax shows them: positional parameters by position, then the others in page order.
            var parameters = page.ParametersOf(set).ToList();
            var ordered = parameters
                .Where(p => p.Metadata.Position != "named")
                .OrderBy(p => int.Parse(p.Metadata.Position, System.Globalization.CultureInfo.InvariantCulture))
                .Concat(parameters.Where(p => p.Metadata.Position == "named"));
            foreach (var (parameter, metadata) in ordered)
            {
                WriteParameter(xml, parameter, metadata, inSyntax: true);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteParameters(XmlWriter xml, CmdletPage page)
    {
        xml.WriteStartElement("command", "parameters", CommandNamespace);
        foreach (CmdletParameter parameter in page.Parameters)
        {
            WriteParameter(xml, parameter, parameter.Metadata[0], inSyntax: false);
        }

        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, CmdletParameter parameter, ParameterMetadata metadata, bool inSyntax)
    {
        xml.WriteStartElement("command", "parameter", CommandNamespace);
        xml.WriteAttributeString("required", Bool(metadata.Required));
        xml.WriteAttributeString("variableLength", Bool(metadata.Type.EndsWith("[]", System.StringComparison.Ordinal)));
        xml.WriteAttributeString("globbing", Bool(metadata.AcceptsWildcards));
        xml.WriteAttributeString("pipelineInput", metadata.PipelineInput);
        xml.WriteAttributeString("position", metadata.Position);
        xml.WriteAttributeString("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none");

        xml.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
        WriteParas(xml, "maml", "description", MamlNamespace, parameter.Description);

        if (inSyntax && metadata.AcceptedValues.Count > 0)
        {
            xml.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
            foreach (string value in metadata.AcceptedValues)
            {
                xml.WriteStartElement("command", "parameterValue", CommandNamespace);
                xml.WriteAttributeString("required", "false");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(value);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        // Get-Help shows "[-Switch]" for a switch only when its syntax entry has no value.
        if (!inSyntax || !metadata.IsSwitch)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNamespace);
            xml.WriteAttributeString("required", Bool(!metadata.IsSwitch));
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(metadata.Type);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("dev", "type", DevNamespace);
        xml.WriteElementString("maml", "name", MamlNamespace, metadata.Type);
        xml.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
        xml.WriteEndElement();

        xml.WriteElementString("dev", "defaultValue", DevNamespace, metadata.DefaultValue);
        xml.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter xml, string listName, string itemName, IReadOnlyList<TypeNote> types)
    {
        xml.WriteStartElement("command", listName, CommandNamespace);
        foreach (TypeNote type in types)
        {
            xml.WriteStartElement("command", itemName, CommandNamespace);
            xml.WriteStartElement("dev", "type", DevNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, type.TypeName);
            xml.WriteEndElement();
            WriteParas(xml, "maml", "description", MamlNamespace, type.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter xml, CmdletPage page)
    {
        if (page.Notes.Count == 0)
        {
            return;
        }

        xml.WriteStartElement("maml", "alertSet", MamlNamespace);
        WriteParas(xml, "maml", "alert", MamlNamespace, page.Notes);
        xml.WriteEndElement();
    }

    private static void WriteExamples(XmlWriter xml, CmdletPage page)
    {
        xml.WriteStartElement("command", "examples", CommandNamespace);
        foreach (CmdletExample example in page.Examples)
        {
            xml.WriteStartElement("command", "example", CommandNamespace);
            xml.WriteElementString("maml", "title", MamlNamespace, $"{ExampleTitleRule} {example.Title} {ExampleTitleRule}");
            xml.WriteElementString("dev", "code", DevNamespace, string.Join("\n\n", example.CodeBlocks));
            // The empty last paragraph gives the blank line Get-Help otherwise omits before the next example's title.
            WriteParas(xml, "dev", "remarks", DevNamespace, example.Remarks.Append(new TextParagraph(string.Empty)).ToList());
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteLinks(XmlWriter xml, CmdletPage page)
    {
        var links = new List<RelatedLink>();
        if (MarkdownText.IsAbsoluteWebUrl(page.OnlineVersion))
        {
            // Get-Help -Online opens the first link's URI.
            links.Add(new RelatedLink("Online Version:", page.OnlineVersion));
        }

        links.AddRange(page.Links);
        xml.WriteStartElement("command", "relatedLinks", CommandNamespace);
        foreach (RelatedLink link in links)
        {
            xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
            xml.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
            xml.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>An element holding one maml:para per paragraph (at least one, possibly empty, as PlatyPS writes it).</summary>
    private static void WriteParas(XmlWriter xml, string prefix, string localName, string ns, IReadOnlyList<TextBlock> blocks)
    {
        xml.WriteStartElement(prefix, localName, ns);
        List<string> paras = MamlParagraphs.From(blocks);
        if (paras.Count == 0)
        {
            paras.Add(string.Empty);
        }

        foreach (string para in paras)
        {
            xml.WriteElementString("maml", "para", MamlNamespace, para);
        }

        xml.WriteEndElement();
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
