using System.Linq;
using Xunit;
using ZertoTasks.Formats;

namespace ZertoTasks.Tests
{
    /// <summary>The cell text of the table views: lines within the width, broken only where a word may break.</summary>
    public class CellTextTests
    {
        private const string Reason = "Host esx07.dr.corp.example cannot be selected as the recovery host: it is not connected to the datastore https://vcenter-dr.corp.example/datastores/ds-replica-02-long-name.";

        [Theory]
        [InlineData(32)]
        [InlineData(20)]
        [InlineData(9)]
        public void Words_keeps_every_line_within_the_width_and_every_word_that_fits_whole(int width)
        {
            string[] lines = CellText.Words(Reason, width).Split('\n');
            Assert.All(lines, line => Assert.True(line.Length <= width, $"'{line}' is longer than {width}"));
            // The words come back in order, each whole on one line when it fits one.
            Assert.Equal(Reason.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
            foreach (string word in Reason.Split(' ').Where(w => w.Length <= width))
            {
                Assert.Contains(lines, line => (" " + line + " ").Contains(" " + word + " "));
            }
        }

        [Fact]
        public void Words_breaks_a_word_longer_than_a_line_after_a_slash_or_a_hyphen()
        {
            Assert.Equal(
                "the datastore\nhttps://vcenter-dr.corp.example/\ndatastores/ds-replica-02-long-\nname.",
                CellText.Words("the datastore https://vcenter-dr.corp.example/datastores/ds-replica-02-long-name.", 32));
            Assert.Equal("abcdefgh\nijkl", CellText.Words("abcdefghijkl", 8));
        }

        [Theory]
        [InlineData("", 10, "")]
        [InlineData(null, 10, "")]
        [InlineData("Stopped by user vsphere.local\\ops.", 40, "Stopped by user vsphere.local\\ops.")]
        [InlineData("one two\r\nthree", 40, "one two\r\nthree")]
        [InlineData("one two\r\nthree four five", 10, "one two\nthree four\nfive")]
        [InlineData("  padded   words  ", 8, "padded\nwords")]
        public void Words_returns_what_fits_as_it_is_and_keeps_line_breaks(string? text, int width, string expected)
        {
            Assert.Equal(expected, CellText.Words(text, width));
        }

        [Fact]
        public void Words_counts_a_wide_character_as_two_cells()
        {
            string[] lines = CellText.Words("復旧ホスト が メンテナンス 中です", 13).Split('\n');
            Assert.All(lines, line => Assert.True(CellText.Cells(line) <= 13, line));
            Assert.Equal(new[] { "復旧ホスト が", "メンテナンス", "中です" }, lines);
        }

        [Theory]
        [InlineData("FailOverTest", 26, "FailOverTest")]
        [InlineData("ForceUpdateProtectionGroup", 26, "ForceUpdateProtectionGroup")]
        [InlineData("ChangeVraPasswordIpSettings", 26, "ChangeVraPassword\nIpSettings")]
        [InlineData("MoveProtectionGroupToManualOperationNeeded", 26, "MoveProtectionGroupTo\nManualOperationNeeded")]
        [InlineData("ChangeRecoveryHostForProtectionGroup", 26, "ChangeRecoveryHost\nForProtectionGroup")]
        [InlineData("RemoveVMFromProtectionGroup", 26, "RemoveVMFrom\nProtectionGroup")]
        [InlineData("UpdateProtectionGroup", 13, "Update\nProtection\nGroup")]
        [InlineData("StopFailOverTest", 13, "StopFail\nOverTest")]
        [InlineData("UpgradeVRA", 6, "Upgrade\nVRA")]
        public void Name_breaks_where_a_word_of_the_name_starts(string name, int width, string expected)
        {
            // UpgradeVRA at 6: a word longer than the line is cut, the only way left.
            if (width == 6)
            {
                expected = "Upgrad\ne\nVRA";
            }

            Assert.Equal(expected, CellText.Name(name, width));
            Assert.Equal(expected, CellText.Name(name, width));
        }

        [Fact]
        public void Names_joins_entities_while_they_fit_and_breaks_an_identifier_after_a_hyphen()
        {
            var named = new ZvmEntityList(new[] { "a", "b", "c" }, new[] { "Web-Frontend", "File-Servers", null });
            Assert.Equal("Web-Frontend; File-Servers;\nc", CellText.Names(named, 27));
            Assert.Equal("Web-Frontend;\nFile-Servers; c", CellText.Names(named, 26));

            var bare = new ZvmEntityList(new[] { "4595f084-dd6b-4db5-997f-9a0866af0c6f", "cccbb357-4bd9-43e7-9745-aabdbaff9b8f" });
            Assert.Equal("4595f084-dd6b-4db5-997f-\n9a0866af0c6f;\ncccbb357-4bd9-43e7-9745-\naabdbaff9b8f", CellText.Names(bare, 26));
            Assert.Equal("4595f084-dd6b-4db5-997f-9a0866af0c6f;\ncccbb357-4bd9-43e7-9745-aabdbaff9b8f", CellText.Names(bare, 40));
            Assert.Equal(string.Empty, CellText.Names(new ZvmEntityList(new string[0]), 26));
        }

        [Fact]
        public void NameOver_stacks_the_type_over_the_names_and_leaves_no_empty_line()
        {
            var vpgs = new ZvmEntityList(new[] { "a" }, new[] { "Finance-SQL" });
            Assert.Equal("ChangeVraPassword\nIpSettings\nFinance-SQL", CellText.NameOver("ChangeVraPasswordIpSettings", vpgs, 26));
            Assert.Equal("InstallVra", CellText.NameOver("InstallVra", new ZvmEntityList(new string[0]), 26));
        }
    }
}
