using System.Globalization;
using System.Text.Json;
using CrossEntropy.Engine.Tests;

namespace CrossEntropy.PowerShell.Tests
{
    /// <summary>The audit tests' inputs: the reference cases' files and options, and a DataFrame maker.</summary>
    internal static class AuditInput
    {
        internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        internal static string CsvOf(JsonElement c) => c.Has("source")
            ? Repo.Example(c.GetProperty("source").GetString()!)
            : AuditExpected.DataFile(c.GetProperty("kind").GetString() == "binary_logits" ? "audit-binary.csv" : "audit-soft.csv");

        internal static string OptionsOf(JsonElement c)
        {
            string o = " -BinCount " + c.GetProperty("bins").GetInt32();
            if (c.D("temperature") != 1) o += " -Temperature " + F(c.D("temperature"));
            return o;
        }

        /// <summary>A PowerShell expression that makes a DataFrame of the CSV's columns (numbers as double) with the module's own Microsoft.Data.Analysis.</summary>
        internal const string MakeFrame = @"
function New-TestFrame([string] $Path) {
    $alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'CrossEntropy' }
    $asm = $alc.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('Microsoft.Data.Analysis'))
    $lines = [System.IO.File]::ReadAllLines($Path)
    $header = $lines[0].Split(',')
    $frame = $asm.GetType('Microsoft.Data.Analysis.DataFrame')::new()
    for ($c = 0; $c -lt $header.Count; $c++) {
        $cells = [string[]]@(foreach ($l in $lines[1..($lines.Count - 1)]) { $l.Split(',')[$c] })
        $number = 0.0
        if ([double]::TryParse($cells[0], [System.Globalization.NumberStyles]::Float, [cultureinfo]::InvariantCulture, [ref] $number) -and $header[$c] -ne 'label') {
            $values = [double[]]@(foreach ($v in $cells) { [double]::Parse($v, [cultureinfo]::InvariantCulture) })
            $frame.Columns.Add($asm.GetType('Microsoft.Data.Analysis.DoubleDataFrameColumn')::new($header[$c], $values))
        } else {
            $frame.Columns.Add($asm.GetType('Microsoft.Data.Analysis.StringDataFrameColumn')::new($header[$c], $cells))
        }
    }
    , $frame
}
";
    }
}
