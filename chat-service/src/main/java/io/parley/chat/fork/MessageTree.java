package io.parley.chat.fork;

import io.parley.chat.support.Ids;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conversation's messages as LibreChat's tree (by {@code parentMessageId}; roots have
 * {@link Ids#NO_PARENT} or a parent not in the conversation), and the selections a fork takes from
 * it (LibreChat's {@code api/server/utils/import/fork.js}).
 */
final class MessageTree {

    /** One message: its id, its parent's id and its place in time (for sibling order). */
    record Node(String id, String parentId, long createdAt) {
    }

    private final Map<String, Node> byId = new HashMap<>();
    private final Map<String, List<Node>> children = new HashMap<>();
    private final List<Node> roots = new ArrayList<>();

    MessageTree(List<Node> nodes) {
        nodes.forEach(n -> byId.put(n.id(), n));
        List<Node> ordered = nodes.stream().sorted(Comparator.comparingLong(Node::createdAt)).toList();
        for (Node node : ordered) {
            if (node.parentId() == null || Ids.NO_PARENT.equals(node.parentId()) || !byId.containsKey(node.parentId())) {
                roots.add(node);
            } else {
                children.computeIfAbsent(node.parentId(), k -> new ArrayList<>()).add(node);
            }
        }
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Root → target. */
    List<String> directPath(String target) {
        List<String> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node node = byId.get(target); node != null && seen.add(node.id()); node = parentOf(node)) {
            path.addFirst(node.id());
        }
        return path;
    }

    /** The path to the target plus the siblings along it (other answers and edits), not the target's descendants. */
    Set<String> includeBranches(String target) {
        List<String> path = directPath(target);
        Set<String> picked = new LinkedHashSet<>();
        for (String id : path) {
            Node node = byId.get(id);
            Node parent = parentOf(node);
            List<Node> level = parent == null ? roots : children.getOrDefault(parent.id(), List.of());
            level.forEach(sibling -> picked.add(sibling.id()));
        }
        picked.addAll(path);
        return picked;
    }

    /** Breadth first from the roots, every level down to the one that holds the target. */
    Set<String> targetLevel(String target) {
        Set<String> picked = new LinkedHashSet<>();
        List<Node> level = roots;
        while (!level.isEmpty()) {
            level.forEach(n -> picked.add(n.id()));
            if (level.stream().anyMatch(n -> n.id().equals(target))) {
                return picked;
            }
            List<Node> next = new ArrayList<>();
            level.forEach(n -> next.addAll(children.getOrDefault(n.id(), List.of())));
            level = next;
        }
        return picked;
    }

    /** Depth of every message (roots are 0). */
    Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        Deque<Node> queue = new ArrayDeque<>(roots);
        roots.forEach(r -> depth.put(r.id(), 0));
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            for (Node child : children.getOrDefault(node.id(), List.of())) {
                if (depth.putIfAbsent(child.id(), depth.get(node.id()) + 1) == null) {
                    queue.add(child);
                }
            }
        }
        return depth;
    }

    /** The tree below the target's level, with the target's level as new roots. */
    MessageTree splitAt(String target) {
        Map<String, Integer> depth = depths();
        int cut = depth.getOrDefault(target, 0);
        List<Node> kept = new ArrayList<>();
        byId.values().forEach(n -> {
            int d = depth.getOrDefault(n.id(), 0);
            if (d == cut) {
                kept.add(new Node(n.id(), Ids.NO_PARENT, n.createdAt()));
            } else if (d > cut) {
                kept.add(n);
            }
        });
        return new MessageTree(kept);
    }

    /** The parent to give a copied message: its own when copied too, else none (a new root). */
    String parentWithin(String id, Set<String> picked) {
        Node node = byId.get(id);
        Node parent = node == null ? null : parentOf(node);
        return parent != null && picked.contains(parent.id()) ? parent.id() : Ids.NO_PARENT;
    }

    /** {@code picked} ordered so that every parent comes before its children (siblings by time). */
    List<String> topological(Set<String> picked) {
        List<String> out = new ArrayList<>();
        Deque<Node> queue = new ArrayDeque<>(roots);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            if (!seen.add(node.id())) {
                continue;
            }
            if (picked.contains(node.id())) {
                out.add(node.id());
            }
            queue.addAll(children.getOrDefault(node.id(), List.of()));
        }
        return out;
    }

    private Node parentOf(Node node) {
        if (node.parentId() == null || Ids.NO_PARENT.equals(node.parentId())) {
            return null;
        }
        return byId.get(node.parentId());
    }
}
