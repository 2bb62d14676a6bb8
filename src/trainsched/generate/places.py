"""Chinese name material for fictional cities, districts, venues and people."""

from __future__ import annotations

import random

# Two-character city names are built from these halves; the pairs are fictional
# (some may coincide with real places, which does no harm in a demo).
CITY_FIRST = "临澄枫桐溪禾岚松柳潮湄芦梧澜榕蓉琅瑜沅澧"
CITY_SECOND = "澜川阳州江宁安源平丰陵城"

# District stems: a direction or feature plus a landscape word.
STEM_FIRST = "东西南北新古青白金石云凤龙鹤桃梅竹兰玉清长永丰安宁平和兴明华"
STEM_SECOND = "湖山江河桥塘港溪坪岭林湾浦泉洲川阳城关"

PROVINCE_NAMES = ("江澜省", "浙澄省", "皖桐省")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健"
    "晓丹宁海波斌宇浩凯鹏飞欣怡佳琪雪梅婷慧颖晨阳鑫蕾琳雯露嘉俊哲涵萱瑶"
)

ROAD_SUFFIX = ("路", "街", "大道")

# Expertise tags (format values) with the Chinese field each stands for.
TOPICS: dict[str, str] = {
    "agriculture": "现代农业",
    "ecommerce": "电子商务",
    "catering": "餐饮服务",
    "finance": "财务融资",
    "manufacturing": "加工制造",
    "tourism": "乡村旅游",
    "marketing": "市场营销",
    "legal": "法律合规",
}

# Fixed-date and lunar statutory holidays of 2027 (全国年节及纪念日放假办法, 2024
# revision): known in advance, unlike the 调休 swaps published late in 2026.
STATUTORY_HOLIDAYS: dict[int, tuple[str, ...]] = {
    2027: (
        "2027-01-01",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",
        "2027-04-05",
        "2027-05-01",
        "2027-05-02",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
        "2027-10-02",
        "2027-10-03",
    ),
}


class Namer:
    """Draws names that do not repeat within one scenario."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def unique(self, draw: list[str], fallback: str) -> str:
        """First candidate not used yet, else the fallback with a number."""
        # The used-set is only tested for membership, never iterated: order stays seeded.
        for name in draw:
            if name not in self._used:
                self._used.add(name)
                return name
        n = 2
        while f"{fallback}{n}" in self._used:
            n += 1
        self._used.add(f"{fallback}{n}")
        return f"{fallback}{n}"

    def city(self) -> str:
        """A fictional prefecture-level city name such as 临澜市."""
        r = self._rng
        draws = [r.choice(CITY_FIRST) + r.choice(CITY_SECOND) + "市" for _ in range(50)]
        return self.unique(draws, "新城市")

    def district(self, urban: bool) -> str:
        """A district (区) or county (县) name."""
        r = self._rng
        suffix = "区" if urban else "县"
        draws = [r.choice(STEM_FIRST) + r.choice(STEM_SECOND) + suffix for _ in range(50)]
        return self.unique(draws, "新" + suffix)

    def person(self) -> str:
        """A plausible Chinese personal name, unique among staff of the scenario."""
        return self.unique([self.any_person() for _ in range(50)], "张伟")

    def any_person(self) -> str:
        """A plausible Chinese personal name that may repeat (for founders)."""
        r = self._rng
        given = r.choice(GIVEN) + (r.choice(GIVEN) if r.random() < 0.7 else "")
        return r.choice(SURNAMES) + given

    def road(self) -> str:
        """A street name such as 青湖路."""
        r = self._rng
        return r.choice(STEM_FIRST) + r.choice(STEM_SECOND) + r.choice(ROAD_SUFFIX)


def phone(prefix: str, n: int) -> str:
    """A mobile number in an all-zero block, so it reads as fictional at a glance."""
    return f"{prefix} 0000 {n % 10000:04d}"


def email(kind: str, n: int) -> str:
    """A fictional address on the reserved example.com domain."""
    return f"{kind}{n:05d}@example.com"
