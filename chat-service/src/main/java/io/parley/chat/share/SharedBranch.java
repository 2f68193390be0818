package io.parley.chat.share;

import io.parley.chat.support.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a link shares of a conversation's message tree when it names a target message, as LibreChat's
 * {@code packages/data-schemas/src/methods/share.ts} chooses it.
 */
final class SharedBranch {

    /** A message's place in the tree: its id, its parent's id, its time (newest wins among children). */
    record Node(String id, @Nullable String parentId, long createdAt) {
    }

    private SharedBranch() {
    }

    /**
     * LibreChat's {@code getMessagesUpToTarget}: breadth first from the roots, every level down to the one
     * that holds the target (other branches of those levels too, as LibreChat shares them), in that order.
     *
     * @return the ids shared; empty when the target is not among {@code nodes}
     */
    static List<String> upToTarget(List<Node> nodes, String target) {
        if (nodes.size() == 1 && nodes.getFirst().id().equals(target)) {
            return List.of(target);
        }
        Map<String, List<Node>> children = children(nodes);
        Node targetNode = nodes.stream().filter(n -> n.id().equals(target)).findFirst().orElse(null);
        if (targetNode == null) {
            return List.of();
        }
        List<Node> level = children.getOrDefault(Ids.NO_PARENT, List.of());
        if (level.isEmpty()) {
            level = List.of(targetNode);
        }
        Set<String> picked = new LinkedHashSet<>();
        level.forEach(n -> picked.add(n.id()));
        boolean found = picked.contains(target);
        Set<String> visited = new HashSet<>();
        while (!found && !level.isEmpty()) {
            List<Node> next = new ArrayList<>();
            for (Node node : level) {
                if (!visited.add(node.id())) {
                    continue;
                }
                for (Node child : children.getOrDefault(node.id(), List.of())) {
                    if (visited.contains(child.id())) {
                        continue;
                    }
                    next.add(child);
                    picked.add(child.id());
                    found |= child.id().equals(target);
                }
            }
            level = next;
        }
        return found ? List.copyOf(picked) : List.of();
    }

    /**
     * Where an update without a target moves the stored one: down to its newest descendant, so the turns
     * added since the last publish are shared too (LibreChat's {@code advanceTargetToBranchTail}, without
     * its hop to a regenerated sibling).
     */
    static String tail(List<Node> nodes, String target) {
        Map<String, List<Node>> children = children(nodes);
        Set<String> seen = new HashSet<>(Set.of(target));
        String current = target;
        while (true) {
            Node newest = null;
            for (Node child : children.getOrDefault(current, List.of())) {
                if (newest == null || child.createdAt() > newest.createdAt()) {
                    newest = child;
                }
            }
            if (newest == null || !seen.add(newest.id())) {
                return current;
            }
            current = newest.id();
        }
    }

    /** Children by parent id, a missing parent counting as {@link Ids#NO_PARENT}; in the order of {@code nodes}. */
    private static Map<String, List<Node>> children(List<Node> nodes) {
        Map<String, List<Node>> children = new HashMap<>();
        for (Node node : nodes) {
            String parent = node.parentId() == null || node.parentId().isEmpty() ? Ids.NO_PARENT : node.parentId();
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(node);
        }
        return children;
    }
}
