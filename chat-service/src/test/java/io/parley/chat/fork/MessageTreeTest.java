package io.parley.chat.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fork selections on a fixture with branches and siblings:
 * <pre>
 * r1 ─┬─ a1 ─┬─ b1 ── c1
 *     │      └─ b2
 *     └─ a2 ── b3
 * </pre>
 */
class MessageTreeTest {

    private static final String ROOT = "00000000-0000-0000-0000-000000000000";

    private final MessageTree tree = new MessageTree(List.of(
            node("r1", ROOT, 1), node("a1", "r1", 2), node("a2", "r1", 3), node("b1", "a1", 4),
            node("b2", "a1", 5), node("b3", "a2", 6), node("c1", "b1", 7)));

    @Test
    void directPathIsTheChainFromTheRoot() {
        assertThat(tree.directPath("c1")).containsExactly("r1", "a1", "b1", "c1");
        assertThat(tree.directPath("r1")).containsExactly("r1");
    }

    @Test
    void includeBranchesAddsTheSiblingsAlongThePathButNotTheTargetsDescendants() {
        assertThat(tree.includeBranches("b1")).containsExactlyInAnyOrder("r1", "a1", "a2", "b1", "b2");
    }

    @Test
    void targetLevelTakesEveryLevelDownToTheTargets() {
        assertThat(tree.targetLevel("b1")).containsExactlyInAnyOrder("r1", "a1", "a2", "b1", "b2", "b3");
        assertThat(tree.targetLevel("a2")).containsExactlyInAnyOrder("r1", "a1", "a2");
    }

    @Test
    void splittingAtTheTargetMakesItsLevelTheNewRoots() {
        MessageTree split = tree.splitAt("a1");
        assertThat(split.contains("r1")).isFalse();
        assertThat(split.directPath("c1")).containsExactly("a1", "b1", "c1");
        assertThat(split.targetLevel("b1")).containsExactlyInAnyOrder("a1", "a2", "b1", "b2", "b3");
        assertThat(split.parentWithin("a2", split.targetLevel("b1"))).isEqualTo(ROOT);
    }

    @Test
    void copiedMessagesKeepParentsOnlyWhenTheParentIsCopiedToo() {
        var picked = tree.includeBranches("b1");
        assertThat(tree.parentWithin("b1", picked)).isEqualTo("a1");
        assertThat(tree.parentWithin("r1", picked)).isEqualTo(ROOT);
        var path = new java.util.LinkedHashSet<>(List.of("b1", "c1"));
        assertThat(tree.parentWithin("b1", path)).isEqualTo(ROOT);
    }

    @Test
    void topologicalOrderPutsParentsFirst() {
        List<String> order = tree.topological(tree.targetLevel("c1"));
        assertThat(order).containsExactly("r1", "a1", "a2", "b1", "b2", "b3", "c1");
    }

    @Test
    void aDeepChainIsWalkedWithoutRecursion() {
        List<MessageTree.Node> chain = new ArrayList<>();
        String parent = ROOT;
        for (int i = 0; i < 5000; i++) {
            chain.add(node("m" + i, parent, i));
            parent = "m" + i;
        }
        MessageTree deep = new MessageTree(chain);
        assertThat(deep.directPath("m4999")).hasSize(5000);
        Map<String, Integer> depths = deep.depths();
        assertThat(depths.get("m4999")).isEqualTo(4999);
        assertThat(deep.targetLevel("m2500")).hasSize(2501);
    }

    @Test
    void aMessageWhoseParentIsMissingIsARoot() {
        MessageTree orphaned = new MessageTree(List.of(node("x", "gone", 1), node("y", "x", 2)));
        assertThat(orphaned.directPath("y")).containsExactly("x", "y");
    }

    private static MessageTree.Node node(String id, String parent, long at) {
        return new MessageTree.Node(id, parent, at);
    }
}
