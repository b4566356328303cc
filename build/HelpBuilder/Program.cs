using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace HelpBuilder;

/// <summary>
/// HelpBuilder &lt;docsFolder&gt; &lt;outputFolder&gt;
///
/// Reads the PlatyPS-schema markdown of one locale (docs/en-US) and writes, into the output
/// folder (the built module's en-US folder): one MAML file per "external help file" named by
/// the cmdlet pages (ZertoTasks.dll-Help.xml), and one about_Name.help.txt per about_Name.md.
/// The module page is checked against the cmdlet pages but not shipped.
///
/// Exit codes: 0 written; 1 a page breaks the schema (each problem is printed as
/// "path(line): error: message" and nothing is written); 2 wrong command line.
/// </summary>
internal static class Program
{
    private const int Success = 0;
    private const int InvalidDocs = 1;
    private const int Usage = 2;

    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: HelpBuilder <docsFolder> <outputFolder>");
            Console.Error.WriteLine("  Converts PlatyPS-schema markdown (cmdlet pages, module page, about_*.md) into MAML and about_*.help.txt.");
            return Usage;
        }

        string docsFolder = Path.GetFullPath(args[0]);
        string outputFolder = Path.GetFullPath(args[1]);
        if (!Directory.Exists(docsFolder))
        {
            Console.Error.WriteLine($"HelpBuilder: the docs folder '{docsFolder}' does not exist.");
            return Usage;
        }

        var errors = new List<HelpDocumentException>();
        var cmdletPages = new List<CmdletPage>();
        var aboutTexts = new List<(AboutTopic Topic, string Text)>();
        var modulePages = new List<ModulePage>();
        foreach (string path in Directory.EnumerateFiles(docsFolder, "*.md").Order(StringComparer.Ordinal))
        {
            try
            {
                string markdown = File.ReadAllText(path);
                FrontMatter? frontMatter = FrontMatter.Read(path, markdown);
                if (Path.GetFileName(path).StartsWith("about_", StringComparison.Ordinal))
                {
                    AboutTopic topic = AboutTopicParser.Parse(path, markdown);
                    aboutTexts.Add((topic, AboutTopicWriter.Render(topic)));
                }
                else if (frontMatter is null)
                {
                    throw new HelpDocumentException(path, 1, "the page has no front matter: a cmdlet page starts with '---', 'external help file: ...', 'Module Name: ...', 'schema: 2.0.0', '---'.");
                }
                else if (frontMatter.Has("Module Guid"))
                {
                    modulePages.Add(ModulePage.Parse(path, markdown, frontMatter));
                }
                else
                {
                    cmdletPages.Add(CmdletPageParser.Parse(path, markdown, frontMatter));
                }
            }
            catch (HelpDocumentException e)
            {
                errors.Add(e);
            }
            catch (NotSupportedException e)
            {
                errors.Add(new HelpDocumentException(path, 0, e.Message));
            }
        }

        if (errors.Count == 0)
        {
            // Only once every page parsed: a page that failed would otherwise also show up as "missing".
            errors.AddRange(CheckTogether(docsFolder, cmdletPages, modulePages));
        }

        if (errors.Count > 0)
        {
            foreach (HelpDocumentException error in errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            Console.Error.WriteLine($"HelpBuilder: {errors.Count} problem(s) in {docsFolder}; no help files were written.");
            return InvalidDocs;
        }

        Directory.CreateDirectory(outputFolder);
        foreach (var group in cmdletPages.GroupBy(p => p.ExternalHelpFile, StringComparer.Ordinal))
        {
            string mamlPath = Path.Combine(outputFolder, group.Key);
            MamlWriter.Write(mamlPath, group.OrderBy(p => p.Name, StringComparer.Ordinal));
            Console.WriteLine($"HelpBuilder: wrote {mamlPath} ({group.Count()} commands)");
        }

        foreach (var (topic, text) in aboutTexts)
        {
            string aboutPath = Path.Combine(outputFolder, topic.Name + ".help.txt");

            // With a BOM, so that Windows PowerShell 5.1 never reads the text as ANSI.
            File.WriteAllText(aboutPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Console.WriteLine($"HelpBuilder: wrote {aboutPath}");
        }

        return Success;
    }

    private static IEnumerable<HelpDocumentException> CheckTogether(string docsFolder, List<CmdletPage> cmdletPages, List<ModulePage> modulePages)
    {
        if (cmdletPages.Count == 0)
        {
            yield return new HelpDocumentException(docsFolder, 0, "the folder has no cmdlet page (a *.md file with 'external help file:' in its front matter).");
        }

        foreach (CmdletPage page in cmdletPages)
        {
            if (page.ExternalHelpFile.IndexOfAny(new[] { '/', '\\' }) >= 0 || !page.ExternalHelpFile.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase))
            {
                yield return new HelpDocumentException(page.SourcePath, 1, $"'external help file: {page.ExternalHelpFile}' must be a file name such as ZertoTasks.dll-Help.xml.");
            }
        }

        if (modulePages.Count > 1)
        {
            yield return new HelpDocumentException(modulePages[1].SourcePath, 1, $"a second module page; {modulePages[0].SourcePath} is one already.");
        }

        foreach (ModulePage modulePage in modulePages.Take(1))
        {
            HelpDocumentException? mismatch = null;
            try
            {
                modulePage.CheckAgainst(cmdletPages);
            }
            catch (HelpDocumentException e)
            {
                mismatch = e;
            }

            if (mismatch is not null)
            {
                yield return mismatch;
            }
        }
    }
}
