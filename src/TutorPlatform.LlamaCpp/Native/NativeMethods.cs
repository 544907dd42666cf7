using System.Runtime.InteropServices;

namespace TutorPlatform.LlamaCpp.Native;

// The library names are logical: LlamaNativeLibrary's resolver maps them to the versioned files
// (libllama.v0.5.0.so, libggml.v0.5.0.so) in the configured native directory.
internal static unsafe partial class NativeMethods
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";

    // ggml
    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string dirPath);

    [LibraryImport(Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_dev_get(nuint index);

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_dev_name(IntPtr device);

    // llama: process
    [LibraryImport(Llama)]
    public static partial void llama_backend_init();

    [LibraryImport(Llama)]
    public static partial void llama_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_print_system_info();

    [LibraryImport(Llama)]
    public static partial long llama_time_us();

    // llama: model
    [LibraryImport(Llama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_model_load_from_file(string pathModel, LlamaModelParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_model_free(IntPtr model);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buf, nuint bufSize);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_model_chat_template(SafeLlamaModelHandle model, byte* name);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, string key, byte* buf, nuint bufSize);

    // llama: vocabulary (the vocab pointer lives as long as its model)
    [LibraryImport(Llama)]
    public static partial int llama_vocab_n_tokens(IntPtr vocab);

    [LibraryImport(Llama)]
    public static partial int llama_vocab_bos(IntPtr vocab);

    [LibraryImport(Llama)]
    public static partial int llama_vocab_eos(IntPtr vocab);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(IntPtr vocab, int token);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_bos(IntPtr vocab);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_vocab_get_text(IntPtr vocab, int token);

    // enum llama_token_attr: bit flags, CONTROL = 1 << 3, USER_DEFINED = 1 << 4.
    [LibraryImport(Llama)]
    public static partial int llama_vocab_get_attr(IntPtr vocab, int token);

    [LibraryImport(Llama)]
    public static partial int llama_tokenize(IntPtr vocab, byte* text, int textLen, int* tokens, int nTokensMax,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Llama)]
    public static partial int llama_token_to_piece(IntPtr vocab, int token, byte* buf, int length, int lstrip,
        [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(Llama)]
    public static partial int llama_detokenize(IntPtr vocab, int* tokens, int nTokens, byte* text, int textLenMax,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial, [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    // llama: chat templates
    [LibraryImport(Llama)]
    public static partial int llama_chat_apply_template(byte* tmpl, LlamaChatMessageNative* chat, nuint nMsg,
        [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buf, int length);

    [LibraryImport(Llama)]
    public static partial int llama_chat_builtin_templates(IntPtr* output, nuint len);

    // llama: context
    [LibraryImport(Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_free(IntPtr context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_ctx(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial int llama_n_threads(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial int llama_n_threads_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_memory_clear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Llama)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial LlamaBatch llama_batch_init(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Llama)]
    public static partial void llama_batch_free(LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial LlamaPerfContextData llama_perf_context(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_perf_context_reset(SafeLlamaContextHandle context);

    // llama: sampling
    [LibraryImport(Llama)]
    public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    // Takes ownership of `sampler`: it is freed with the chain.
    [LibraryImport(Llama)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, IntPtr sampler);

    [LibraryImport(Llama)]
    public static partial int llama_sampler_chain_n(SafeLlamaSamplerHandle chain);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_greedy();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_dist(uint seed);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_top_k(int k);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_temp(float t);

    // Null when the grammar does not parse.
    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_sampler_init_grammar(IntPtr vocab, string grammarStr, string grammarRoot);

    [LibraryImport(Llama)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int idx);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_reset(SafeLlamaSamplerHandle sampler);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_free(IntPtr sampler);
}
