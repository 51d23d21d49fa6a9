import Host
import Testing

/// How artist names are indexed and sorted without their leading article.
@Suite("Ignored articles")
struct IgnoredArticlesTests {
    let articles = IgnoredArticles.standard

    @Test("a leading article is dropped, in any case, only as a whole word followed by a name")
    func sortName() {
        #expect(articles.sortName("The Beatles") == "Beatles")
        #expect(articles.sortName("the beatles") == "beatles")
        #expect(articles.sortName("  Los Lobos ") == "Lobos")
        #expect(articles.sortName("Les Négresses Vertes") == "Négresses Vertes")
        // Not articles: part of a word, or the whole name.
        #expect(articles.sortName("Ladytron") == "Ladytron")
        #expect(articles.sortName("Theatre of Tragedy") == "Theatre of Tragedy")
        #expect(articles.sortName("The") == "The")
        #expect(articles.sortName("The The") == "The")
        #expect(articles.spaceSeparated == "The El La Los Las Le Les")
    }

    @Test("the index is the first letter without accents, upper case; anything else is #")
    func indexName() {
        #expect(articles.indexName(of: "The Beatles") == "B")
        #expect(articles.indexName(of: "édith piaf") == "E")
        #expect(articles.indexName(of: "El Último") == "U")
        #expect(articles.indexName(of: "2Pac") == "#")
        #expect(articles.indexName(of: "...And You Will Know Us") == "#")
        #expect(articles.indexName(of: "") == "#")
        // A letter of another script is a letter: its own index, not #.
        #expect(articles.indexName(of: "Ωmega") == "Ω")
    }
}
