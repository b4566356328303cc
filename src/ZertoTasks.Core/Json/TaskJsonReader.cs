// The JSON reader a task list is parsed with. The Bench task builds the module both ways
// (-p:TaskJsonReader=Utf8JsonReader) to measure what the hand-written tokenizer buys.
#if TASK_JSON_READER_UTF8
global using TaskJsonReader = System.Text.Json.Utf8JsonReader;
#else
global using TaskJsonReader = ZertoTasks.Json.JsonTokenizer;
#endif
