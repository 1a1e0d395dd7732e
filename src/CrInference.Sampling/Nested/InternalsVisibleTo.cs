using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("CrInference.Sampling.Tests")]
