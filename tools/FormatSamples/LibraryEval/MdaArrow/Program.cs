using Microsoft.Data.Analysis;
// Microsoft.Data.Analysis 0.23.1 (built against Apache.Arrow 14.0.2) run with Apache.Arrow $(ArrowVersion) (default
// 23.0.0): the module's -AsDataFrame path must keep working if the module moves to Arrow 23 for IPC reading.
var df = new DataFrame(new DoubleDataFrameColumn("logit_0", new double[] { 1.5, -2.0, 0.25 }),
                       new Int32DataFrameColumn("label", new[] { 0, 1, 2 }));
foreach (var batch in df.ToArrowRecordBatches())
{
    var back = DataFrame.FromArrowRecordBatch(batch);
    Console.WriteLine($"DataFrame -> Arrow -> DataFrame: {back.Columns.Count} columns, {back.Rows.Count} rows, logit_0[2] = {back["logit_0"][2]}");
}
using var s = File.OpenRead(args[0]);
using var r = new Apache.Arrow.Ipc.ArrowStreamReader(s);
long rows = 0;
Apache.Arrow.RecordBatch b;
while ((b = r.ReadNextRecordBatch()) != null) rows += DataFrame.FromArrowRecordBatch(b).Rows.Count;
Console.WriteLine($"{Path.GetFileName(args[0])} -> DataFrame: {rows} rows");
Console.WriteLine($"Apache.Arrow {typeof(Apache.Arrow.RecordBatch).Assembly.GetName().Version}, Microsoft.Data.Analysis {typeof(DataFrame).Assembly.GetName().Version}");
